"""The shared input check: every stage names what is wrong with a table it was given."""

import pandas as pd
import pytest

from crosscheck import entities, export, provenance, timeline
from crosscheck.tables import require_columns


def test_require_columns_names_missing_columns_and_hint():
    frame = pd.DataFrame({"claim_id": ["a:1"]})
    require_columns(frame, "claims", ["claim_id"])  # nothing missing: no error
    with pytest.raises(ValueError) as error:
        require_columns(frame, "claims", ["claim_id", "text"], "see crosscheck.claims")
    message = str(error.value)
    assert "claims table lacks column(s) ['text']" in message
    assert "has ['claim_id']" in message and message.endswith("; see crosscheck.claims")
    with pytest.raises(TypeError, match="claims must be a pandas DataFrame, not list"):
        require_columns([{"claim_id": "a:1"}], "claims", ["claim_id"])


@pytest.mark.parametrize(
    "call",
    [
        lambda bad: entities.cluster_entities(bad),
        lambda bad: timeline.build_timeline(bad, pd.DataFrame({"article_id": [], "published": []})),
        lambda bad: provenance.provenance(pd.DataFrame({"article_id": []}), bad, bad),
        lambda bad: export.sort_by_severity(bad),
    ],
)
def test_stages_share_the_message(call):
    with pytest.raises(ValueError, match=r"table lacks column\(s\) \["):
        call(pd.DataFrame({"unrelated": [1]}))
