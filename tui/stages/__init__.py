"""The six stage views, in order. Each stage lives in its own module."""

from __future__ import annotations


def stage_view_classes() -> list[type]:
    from tui.stages.actions.stage import ActionsStage
    from tui.stages.analysis.stage import AnalysisStage
    from tui.stages.communication.stage import CommunicationStage
    from tui.stages.lessons.stage import LessonsStage
    from tui.stages.scope.stage import ScopeStage
    from tui.stages.timeline.stage import TimelineStage
    return [ScopeStage, TimelineStage, AnalysisStage, LessonsStage, ActionsStage, CommunicationStage]
