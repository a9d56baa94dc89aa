"""A measure's stage track: the stages of the EU's ordinary legislative procedure, each with what
the dossier reports of it. Nothing is inferred: a stage no milestone reports is "not reported",
and the latest stage reported is marked as the current one."""

import dataclasses
import datetime

from timeline.models import Measure, Milestone

PROPOSAL = "Proposal"


@dataclasses.dataclass(frozen=True)
class Stage:
    label: str
    # Where the dossier reports the stage: its date and precision, and the milestone's anchor on
    # the page (none for the proposal: the measure itself is the proposal, dated by the dossier).
    date: datetime.date | None = None
    precision: str = ""
    anchor: str = ""
    is_current: bool = False

    @property
    def is_reported(self) -> bool:
        return self.date is not None


def stage_track(measure: Measure, milestones: list[Milestone]) -> list[Stage]:
    """The track of an EU legislative procedure (a proposal, or a measure with a milestone that
    reports a stage), else none. `milestones` are those the reader sees; of several reporting
    one stage, the first dates it."""
    staged = {}
    for milestone in milestones:
        if milestone.stage:
            staged.setdefault(milestone.stage, milestone)
    if measure.body != Measure.Body.EU or not (measure.is_proposal or staged):
        return []
    proposal = Stage(PROPOSAL)
    if measure.is_proposal and measure.date:
        proposal = Stage(PROPOSAL, measure.date, measure.date_precision)
    track = [proposal]
    for value, label in Milestone.Stage.choices:
        milestone = staged.get(value)
        if milestone:
            track.append(Stage(label, milestone.date, milestone.date_precision, milestone.slug))
        else:
            track.append(Stage(label))
    reported = [i for i, stage in enumerate(track) if stage.is_reported]
    if reported:
        track[reported[-1]] = dataclasses.replace(track[reported[-1]], is_current=True)
    return track
