"""Probe sentences for attribution precision and recall beyond the labelled data.

Invented news sentences of many styles (sports, business, courts, disasters, politics), one
phenomenon each, judged with tests/data/attribution/GUIDELINES.md: a sentence is attributed when
most of it is presented as what a source said, believes or expects. The negatives are the cues
that over-fire in news: reporting verbs whose object is not a proposition ("said goodbye", "told a
story", "claimed the title", "announced the winner"), addressees without content ("told reporters
about"), speech to come ("will announce"), questions, "according to plan", legal and medical
passives ("was charged with", "was admitted to"), states ("reported missing"), headline passives.
"""

from __future__ import annotations

import pandas as pd
import pytest

from crosscheck.claims import extract_claims


def attributed(text: str) -> bool:
    """True when attributed claims cover most of the text's first paragraph (as the benchmark
    reads a sentence)."""
    out = extract_claims(pd.DataFrame([{"article_id": "p", "text": text}]))
    size = len(text.split("\n\n")[0])
    hits = out[out["attributed"] & (out["start"] < size)]
    covered = (hits["end"].clip(upper=size) - hits["start"]).sum()
    return covered > size / 2


@pytest.mark.parametrize(
    "text",
    [
        "Residents reported hearing a loud bang shortly before midnight.",
        "He told the truth to investigators, his lawyer said.",
        "The court heard that the defendant had fled the country twice.",
        "Prosecutors allege that the accountant diverted $3 million to offshore accounts.",
        "The judge ruled that the evidence was inadmissible.",
        "Rescuers said at least 12 people were trapped under the rubble.",
        "At least 12 people were trapped under the rubble, rescuers said.",
        "According to the coroner, the victim died of smoke inhalation.",
        "Officials expect the river to rise on Friday.",
        "Analysts say the merger could save both companies $500 million a year.",
        "The spokesman confirmed the deaths of two crew members.",
        '"We were lucky to get out alive," the driver said.',
        "The new law says drivers must carry a warning triangle.",
        "Economists predict a recession next year.",
        "The club confirmed on Friday that its captain had torn a knee ligament.",
        "The defence argued that the confession had been coerced.",
        "The witness testified that she saw the defendant near the bank.",
        "He is expected to return to training next week.",
        "Hundreds of people are believed to have died in the earthquake.",
        "The president will announce new sanctions on Tuesday, officials said.",
        "Forecasters have warned that the storm could bring flooding to coastal towns.",
        "The striker told reporters he was fit to play.",
        "The jury was told that the victim had been stabbed 14 times.",
        "Sales rose 4% in the second quarter, the company reported.",
        "The council announced plans to build 500 homes on the site.",
        "The ministry issued a statement saying the border would remain closed.",
        "A report by the United Nations found that three million people lack clean water.",
        "Sources close to the club say the manager will be sacked on Monday.",
        "The opposition called the election a fraud.",
        "Many fans fear the club will be relegated.",
        "Engineers believe a faulty valve caused the explosion.",
        "The airline blamed the delays on a computer fault, a spokeswoman said.",
        "Police said the suspect, a 34-year-old man, was arrested at his home.",
        "The coach insisted his team had deserved the win.",
        "The storm is said to be the worst in a century.",
        "The regulator concluded that the bank had misled its customers.",
        "Witnesses said the gunman fired at least ten shots.",
        "The mayor declined to give a date but said the pool would reopen this summer.",
        "A major protest is expected on Saturday.",
        "The deaths were confirmed by a hospital spokesman.",
        "Police: Suspect fled on foot\n\nA man was arrested later.",
        "Engineers are confident that the repaired dam will hold through the spring floods.",
        "Investors are worried that interest rates will rise again before the summer.",
        '"Why did nobody warn us before the water came?" asked one shopkeeper.',
        "The senator asked whether the relief funds had been spent on the flood victims.",
        "The club sacked its manager on Sunday, two days after the team lost its fifth straight"
        " game, a local paper reported.",
        "The operator is sending engineers to the substation but warned that outages will"
        " last into next week.",
    ],
)
def test_attributed(text):
    assert attributed(text)


@pytest.mark.parametrize(
    "text",
    [
        "The coach said goodbye to his players after the final whistle.",
        "The grandmother told a story about the great flood to the children.",
        "Organisers announced the winner of the baking contest on Sunday evening.",
        "Two hikers were reported missing on Tuesday after a snowstorm.",
        "The striker claimed the title for the third straight season.",
        "Union leaders called for an independent inquiry into the accident.",
        "The company will announce its quarterly results on Thursday.",
        "The senator declined to say whether she would run again.",
        "Police told reporters about the arrest at a news conference.",
        "Shares fell 5% after the bank said it would cut 2,000 jobs in its retail division.",
        "The governor has declared a state of emergency in three counties.",
        "Fans said their goodbyes to the old stadium before its demolition.",
        "The minister reported the theft of his car to police.",
        "The chief executive said nothing about layoffs during the call.",
        "The president will speak at the summit on Tuesday.",
        "The fire claimed the lives of three firefighters.",
        "The launch went according to plan despite high winds.",
        "The driver, who said he was not hurt, drove away before police arrived.",
        "The jury found him guilty of manslaughter after a two-week trial.",
        "The minister called a snap election for October.",
        "Little is known about the gunman, who was 24.",
        "The report, released on Tuesday, runs to 40 pages.",
        "Investigators are trying to determine what caused the blaze.",
        "The team claimed victory in the final minute of extra time.",
        "Officials will announce the names of the victims once relatives are told.",
        "The pastor said a prayer for the victims before the vigil began.",
        "Did the minister say that taxes would rise?",
        "The mayor spoke to reporters outside city hall on Monday.",
        "The airline posted a loss of $1.2 billion for the year.",
        "Storm warning: Residents urged to leave coastal towns\n\nThe storm hit at dawn.",
        "Paris: Fire destroys bakery\n\nThe fire began at 4am.",
        "The officer asked him to leave the building through the side door.",
        "The goalkeeper was confident before the penalty shoot-out.",
        "Shares in the miner rose sharply on Monday after the firm issued a statement.",
        "Police asked for help in tracing the driver of a silver van.",
        "A neighbour reported the fire shortly after midnight.",
        "A local man has been charged with murder after a stabbing outside a nightclub.",
        "She was admitted to hospital last week suffering from pneumonia.",
        "A rescue helicopter was called at 3pm to help search the ridge.",
        "The company agreed to pay $5 million to settle the lawsuit.",
        "The soldier reported for duty on Monday.",
        "Woman Hurt in Crash, Driver Charged",
        'At the hearing he hugged his daughter, shook hands with the jurors and said "thank you"'
        " to the judge.",
        "Storm warning: Residents urged to leave coastal towns\n\nThe storm hit at dawn.",
        "Paris: Fire destroys bakery\n\nThe fire began at 4am.",
        "The officer asked him to leave the building through the side door.",
        "The goalkeeper was confident before the penalty shoot-out.",
        "Shares in the miner rose sharply on Monday after the firm issued a statement.",
        "Police asked for help in tracing the driver of a silver van.",
        "A neighbour reported the fire shortly after midnight.",
    ],
)
def test_not_attributed(text):
    assert not attributed(text)
