"""The six stage views, in order. Each stage lives in its own module."""

from __future__ import annotations


def stage_view_classes() -> list[type]:
    from tui.stages.actions import ActionsStage
    from tui.stages.analysis import AnalysisStage
    from tui.stages.communication import CommunicationStage
    from tui.stages.lessons import LessonsStage
    from tui.stages.scope import ScopeStage
    from tui.stages.timeline import TimelineStage
    return [ScopeStage, TimelineStage, AnalysisStage, LessonsStage, ActionsStage, CommunicationStage]
