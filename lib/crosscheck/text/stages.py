"""Event stage of a military movement, ordinal: approach < advance < reach < capture."""

from __future__ import annotations

# Event stage of a military movement, ordinal: approach < advance < reach < capture.
# Patterns: tokens separated by spaces, alternatives by "/"; one-word patterns must be a verb
# or noun ("near" as a preposition is no stage). The longest overlapping pattern wins.
EVENT_STAGES = ("", "approach", "advance", "reach", "capture")
STAGE_PATTERNS = {
    1: [
        "approach/approaches/approached/approaching",
        "near/nears/neared/nearing",
        "threaten/threatens/threatened/threatening",
        "edge/edges/edged/edging/inch/inches/inched/inching/move/moves/moved/moving/close/closes/"
        "closed/closing/creep/crept closer/toward/towards/within/in",
        "push/pushes/pushed/pushing/head/heads/headed/heading toward/towards",
        "striking/firing/artillery range",
        "reach/reaches/reached/reaching within",
    ],
    2: [
        "advance/advances/advanced/advancing/push/pushes/pushed/pushing",
        "gain/gains/gained/gaining ground",
        "forward movement",
    ],
    3: [
        "reach/reaches/reached/reaching/arrive/arrives/arrived/arriving/enter/enters/entered/"
        "entering/encircle/encircled/encircling",
        "advance/advances/advanced/advancing/push/pushed/moved/move to/into",
        "break/broke/broken/breaking into/through",
    ],
    4: [
        "capture/captures/captured/capturing/seize/seizes/seized/seizing/occupy/occupies/occupied/"
        "occupying/overrun/overran/liberate/liberated/liberates/liberating/takeover/expel/expelled/"
        "expulsion/fall",
        "take/takes/took/taken/taking/seize/seized/gain/gained control/over",
        "pushed/driven/forced/drove/push/drive out",
    ],
}
# Stage words count only in a claim that names an armed force ("reaching several million tons"
# is no military movement), except capture (stage 4) words and these unambiguous ones.
STRONG_STAGE_WORDS = set("encircled encircling striking firing".split())


def _event_stage(doc, matches, has_force: bool) -> int:
    """Highest stage among the stage words of the claim (see STRONG_STAGE_WORDS)."""
    has_force = has_force or any(k == "FORCE" for k, _, _ in matches)
    return max(
        (
            int(k[-1])
            for k, s, _ in matches
            if k.startswith("STAGE")
            and (has_force or k == "STAGE4" or doc[s].lower_ in STRONG_STAGE_WORDS)
        ),
        default=0,
    )
