"""The six stage views, in order. Each stage lives in its own module."""

from __future__ import annotations


def stage_view_classes() -> list[type]:
    from tui.stages.scope import ScopeStage
    from tui.stages.readonly import (ActionsReadOnly, AnalysisReadOnly, CommunicationReadOnly,
                                     LessonsReadOnly, TimelineReadOnly)
    from tui.stages.lessons import LessonsStage as LessonsReadOnly  # noqa: F811  stage 4
    from tui.stages.actions import ActionsStage as ActionsReadOnly  # noqa: F811  stage 5
    from tui.stages.communication import CommunicationStage as CommunicationReadOnly  # noqa: F811  stage 6
    from tui.stages.analysis import AnalysisStage as AnalysisReadOnly  # noqa: F811  stage 3
    from tui.stages.timeline import TimelineStage as TimelineReadOnly  # noqa: F811  stage 2
    return [ScopeStage, TimelineReadOnly, AnalysisReadOnly, LessonsReadOnly, ActionsReadOnly,
            CommunicationReadOnly]
