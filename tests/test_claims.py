"""Claim extraction: each construction the analyzer must read, and what it must leave alone."""
from __future__ import annotations

import pytest

import attrib
from conftest import claims_of

# (article, expected (speaker, claim text) pairs in document order)
CLAIM_CASES = [
    pytest.param(
        'Police said on Monday that "the road will reopen tomorrow."\n',
        [("Police", "the road will reopen tomorrow.")],
        id="direct-straight-quotes-after-that",
    ),
    pytest.param(
        "“We will not allow the security of diplomatic missions to be threatened,” Yehia Rasool said.\n",
        [("Yehia Rasool", "We will not allow the security of diplomatic missions to be threatened,")],
        id="direct-curly-postposed",
    ),
    pytest.param(
        "Iraqi PM’s office says some attackers were ‘linked to security services’ after arrests.\n\n"
        "Mohammed Shia al-Sudani’s office said on Thursday that ‘the hand of justice will reach them.’\n",
        [("Office of the Iraqi Prime Minister", "some attackers were ‘linked to security services’ after arrests"),
         ("Office of the Iraqi Prime Minister", "the hand of justice will reach them.")],
        id="single-curly-quotes-and-apostrophes",
    ),
    pytest.param(
        "Yehia Rasool said “crime gangs” had renewed their rocket attacks on the Green Zone.\n",
        [("Yehia Rasool", "“crime gangs” had renewed their rocket attacks on the Green Zone")],
        id="partial-quote-inside-reported-clause",
    ),
    pytest.param(
        "Rasool further said the security forces would work to pursue the outlaw groups.\n",
        [("Yehia Rasool", "the security forces would work to pursue the outlaw groups")],
        id="indirect-without-that",
    ),
    pytest.param(
        "The government will not allow threats against diplomatic missions, said a military spokesman late on Sunday.\n\n"
        "Yehia Rasool, spokesman of the commander-in-chief of the armed forces, spoke to reporters.\n",
        [("Yehia Rasool", "The government will not allow threats against diplomatic missions")],
        id="inverted-postposed-title-resolved-by-the-article",
    ),
    pytest.param(
        "But a rocket strike on the embassy was a clear sign that militias had decided to resume attacks, "
        "according to Iraqi security officials.\n",
        [("Iraqi security officials",
          "a rocket strike on the embassy was a clear sign that militias had decided to resume attacks")],
        id="according-to-postposed",
    ),
    pytest.param(
        "According to a statement issued by the Iraqi presidency, the talks focused on security.\n",
        [("Iraqi presidency", "the talks focused on security")],
        id="according-to-preposed",
    ),
    pytest.param(
        "Al-Khafaji noted: “The investigation will be made public once it is completed.”\n",
        [("Tahseen al-Khafaji", "The investigation will be made public once it is completed.")],
        id="colon-lead-in",
    ),
    pytest.param(
        "Mike Pompeo condemned the attack late on Sunday, saying Iran-backed militias were the most serious "
        "impediment to peace.\n",
        [("Mike Pompeo", "Iran-backed militias were the most serious impediment to peace")],
        id="participle-saying",
    ),
    pytest.param(
        "Al-Kazemi added that the attacks also target civilians, stressing that the state will respond.\n",
        [("Mustafa al-Kadhimi", "the attacks also target civilians"),
         ("Mustafa al-Kadhimi", "the state will respond")],
        id="participle-stressing-that-splits-content",
    ),
    pytest.param(
        "Moqtada al-Sadr spoke on Sunday.\n\n"
        "“Anybody who uses weapons outside the state is outside the law,” he continued.\n",
        [("Moqtada al-Sadr", "Anybody who uses weapons outside the state is outside the law,")],
        id="continuation-pronoun",
    ),
    pytest.param(
        "Iraqi official: Perpetrators of embassy attacks arrested\n\nThe arrests came on Thursday.\n",
        [("Iraqi security officials", "Perpetrators of embassy attacks arrested")],
        id="headline-colon",
    ),
    pytest.param(
        "The ministry's statement, issued on Sunday, called the attack a “shameful terrorist crime.”\n",
        [(None, None)],
        id="naming-verb-gives-the-quoted-name",
    ),
    pytest.param(
        "Iraqi Prime Minister Mohammed Shia al-Sudani’s office reported several arrests over the attack "
        "and said that “some of them are connected to certain security services.”\n",
        [("Office of the Iraqi Prime Minister", "some of them are connected to certain security services.")],
        id="coordinated-cue-and-noun-phrase-report-is-not-a-claim",
    ),
    pytest.param(
        "A US spokesperson said, “indications are the attacks were initiated by Iran-aligned militias.”\n",
        [("United States government", "indications are the attacks were initiated by Iran-aligned militias.")],
        id="cue-comma-quote",
    ),
    pytest.param(
        "Council spokesperson Mira Castell said the depot would reopen.\n\n"
        "“We have warned for months that this would happen.\n\n"
        "“Nobody listened,” Castell said.\n",
        [("Mira Castell", "the depot would reopen"),
         ("Mira Castell", "We have warned for months that this would happen."),
         ("Mira Castell", "Nobody listened,")],
        id="quote-over-two-paragraphs-and-unregistered-speaker",
    ),
    pytest.param(
        "Supporters say the project will bring jobs; opponents say it will raise rents.\n",
        [("Supporters", "the project will bring jobs"), ("opponents", "it will raise rents")],
        id="two-attributions-in-one-sentence",
    ),
]

# Wire-service constructions beyond the development set's outlets.
CLAIM_CASES += [
    pytest.param(
        "BAGHDAD, Dec 20 (Reuters) - Rockets were fired at the embassy on Sunday, the Iraqi military said, "
        "causing minor damage.\n",
        [("Iraqi military", "Rockets were fired at the embassy on Sunday")],
        id="dateline-and-trailing-participle-after-postposed-cue",
    ),
    pytest.param(
        "A spokesman for Kataib Hezbollah told Reuters the group was not behind the attack.\n",
        [("Kataib Hezbollah", "the group was not behind the attack")],
        id="told-an-outlet-without-that",
    ),
    pytest.param(
        "Rockets hit an Iraqi air base overnight.\n\n"
        "Two security sources, who spoke on condition of anonymity, said the rockets were launched from the south.\n",
        [("Iraqi security officials", "the rockets were launched from the south")],
        id="relative-clause-apposition",
    ),
    pytest.param(
        "Energoatom, Ukraine's state nuclear company, wrote on Telegram that radiation levels were normal.\n",
        [("Energoatom", "radiation levels were normal")],
        id="descriptive-apposition-and-past-tense-cue",
    ),
    pytest.param(
        "The defence ministry said Ukrainian troops had fired on the plant, an accusation Kyiv rejected.\n",
        [("defence ministry", "Ukrainian troops had fired on the plant")],
        id="reporters-comment-after-the-content",
    ),
    pytest.param(
        "---\ndate: 2023-12-14\n---\nMohammed Shia al-Sudani met the ambassadors.\n\n"
        "He spoke with Antony Blinken on Tuesday and stressed that Iraq would protect diplomats, his office said.\n",
        [("Office of the Iraqi Prime Minister", "He spoke with Antony Blinken on Tuesday"),
         ("Mohammed Shia al-Sudani", "Iraq would protect diplomats")],
        id="outer-report-keeps-words-before-the-inner-report",
    ),
]

CLAIM_CASES += [
    pytest.param(
        "The ministry later issued a statement:\n\n“Three suspects were arrested overnight.”\n",
        [("ministry", "Three suspects were arrested overnight.")],
        id="colon-lead-in-at-paragraph-end",
    ),
    pytest.param(
        "“We have no information about that,” a police spokesman told reporters, declining to give his name.\n",
        [("police spokesman", "We have no information about that,")],
        id="postposed-told-reporters",
    ),
    pytest.param(
        "“This is not the first attack,” said Ali Hassan, a resident.\n\n"
        "According to Hassan, the sirens sounded twice.\n",
        [("Ali Hassan", "This is not the first attack,"), ("Ali Hassan", "the sirens sounded twice")],
        id="surname-of-an-unregistered-person-beats-a-registered-namesake",
    ),
]

# Sources outside politics: companies, unions, courts, sport and local news speak through the same cues.
CLAIM_CASES += [
    pytest.param(
        "The harbour authority said on Monday that the port would stay closed until Friday.\n\n"
        "The company said in a statement that its profits had fallen by a third.\n",
        [("harbour authority", "the port would stay closed until Friday"),
         ("company", "its profits had fallen by a third")],
        id="institutions-named-by-a-common-noun",
    ),
    pytest.param(
        "The coach told reporters that the team had not played well enough.\n\n"
        "Researchers at the university said the results were encouraging, but the hospital's chief executive "
        "warned that more trials were needed.\n",
        [("coach", "the team had not played well enough"),
         ("Researchers at the university", "the results were encouraging"),
         ("hospital's chief executive", "more trials were needed")],
        id="roles-and-professions-as-sources",
    ),
    pytest.param(
        "“We will appeal,” the defence team said after the verdict.\n",
        [("defence team", "We will appeal,")],
        id="postposed-cue-then-a-closing-phrase",
    ),
    pytest.param(
        "He said after the meeting that talks would resume.\n",
        [("He", "talks would resume")],
        id="adverbial-phrase-before-that",
    ),
    pytest.param(
        "Anna Berg, 45, said she had waited three hours for a bus.\n",
        [("Anna Berg", "she had waited three hours for a bus")],
        id="age-between-commas",
    ),
    pytest.param(
        "The regulator fined the bank £20m, saying it had failed to protect customers.\n",
        [("regulator", "it had failed to protect customers")],
        id="the-subject-stops-at-the-verb-after-its-noun",
    ),
    pytest.param(
        "“The fire started in the kitchen,” fire chief Dan Moreau told a news conference on Tuesday. "
        "He said investigators had ruled out arson.\n",
        [("Dan Moreau", "The fire started in the kitchen,"), ("Dan Moreau", "investigators had ruled out arson")],
        id="postposed-told-an-audience",
    ),
    pytest.param(
        "A businessman who declined to give his name said the strike was “holding the city to ransom”.\n",
        [("businessman", "the strike was “holding the city to ransom”")],
        id="source-before-a-relative-clause-without-commas",
    ),
    pytest.param(
        "Prosecutor Liam Grant said outside the court that the verdict sent a clear message.\n",
        [("Liam Grant", "the verdict sent a clear message")],
        id="court-title-and-place-before-that",
    ),
    pytest.param(
        "Autowerk will cut 4,000 jobs over the next three years, the carmaker said on Wednesday.\n",
        [("carmaker", "Autowerk will cut 4,000 jobs over the next three years")],
        id="postposed-the-and-any-noun",
    ),
    pytest.param(
        "Analysts at Bergmann Bank said the plan was overdue, while one investor, who asked not to be named, "
        "told Wire the job cuts did not go far enough.\n",
        [("analysts", "the plan was overdue"), ("one investor", "the job cuts did not go far enough")],
        id="while-opens-another-source",
    ),
    pytest.param(
        "The damage, the authority's director said, was worse than in any storm since 1998.\n\n"
        "On Monday, officials said, the port reopened.\n",
        [("authority's director", "The damage, the authority's director said, was worse than in any storm since 1998"),
         ("officials", "the port reopened")],
        id="cue-between-commas-inside-the-clause",
    ),
    pytest.param(
        "Storm kills 12 in southern Brazil, officials say\n\nHeavy rain caused landslides on Sunday.\n",
        [("officials", "Storm kills 12 in southern Brazil")],
        id="headline-ending-officials-say",
    ),
    pytest.param(
        "Brenda Mallory, 67, who has lived on the lane for 40 years, said she had never seen water rise so fast.\n\n"
        "The State Water Quality Board (SWQB), the regulator for the river, said it had opened an inquiry.\n\n"
        "The United Metalworkers Guild (UMG), which represents about 3,000 workers, said it would hold a ballot.\n",
        [("Brenda Mallory", "she had never seen water rise so fast"),
         ("State Water Quality Board", "it had opened an inquiry"),
         ("United Metalworkers Guild", "it would hold a ballot")],
        id="appositions-ages-acronyms-and-numbers",
    ),
    pytest.param(
        "“I've watched it ten times,” Quillan, 47, told reporters after the match.\n\n"
        "Detective Inspector Ruth Kaminski of Port Varden Police said officers had worked around the clock. "
        "“This sends a clear message,” she told the trial.\n",
        [("Quillan", "I've watched it ten times,"), ("Ruth Kaminski", "officers had worked around the clock"),
         ("Ruth Kaminski", "This sends a clear message,")],
        id="audiences-after-the-cue-and-a-person-of-an-institution",
    ),
    pytest.param(
        "“Mr Vane has struggled badly,” Castellanos said outside the court. “We will appeal.”\n",
        [("Castellanos", "Mr Vane has struggled badly,"), ("Castellanos", "We will appeal.")],
        id="a-short-quoted-sentence-after-an-attributed-one",
    ),
    pytest.param(
        "“We want to know why,” the group's chair, Rafael Quint, told the Evening Post.\n\n"
        "Voting was “generally orderly”, the mission said in a statement, but it noted that some polls opened late.\n\n"
        "Marek Olsen declared victory, telling cheering supporters that the result was a mandate.\n",
        [("Rafael Quint", "We want to know why,"), ("mission", "generally orderly"),
         ("mission", "some polls opened late"), ("Marek Olsen", "the result was a mandate")],
        id="description-and-name-before-told-an-outlet-but-after-the-cue-telling-someone",
    ),
    pytest.param(
        "Velorian security officials pointed the finger at the embassy, saying its staff had run the operation.\n",
        [("Velorian security officials", "its staff had run the operation")],
        id="a-nationality-opens-the-subject",
    ),
    pytest.param(
        "Prices rose, officials said, and wages fell.\n",
        [("officials", "Prices rose, officials said, and wages fell")],
        id="cue-between-two-clauses-it-reports",
    ),
    pytest.param(
        "Olsen: “The people have spoken” as rival alleges ballot stuffing\n\n"
        "Marek Olsen of the Civic Union declared victory late on Sunday.\n",
        [("Marek Olsen", "The people have spoken"), ("rival", "ballot stuffing")],
        id="headline-name-colon-quote-then-more",
    ),
    pytest.param(
        "Foreign Minister Caspar Lindqvist went further, telling parliament that at least two civil servants "
        "with access to classified files had been recruited.\n",
        [("Caspar Lindqvist", "at least two civil servants with access to classified files had been recruited")],
        id="at-least-is-a-quantity-not-a-place",
    ),
    pytest.param(
        "“We will not stop,” Baraka told the Wire by telephone. “They want this war.”\n",
        [("Baraka", "We will not stop,"), ("Baraka", "They want this war.")],
        id="told-an-outlet-by-telephone",
    ),
    pytest.param(
        "The source cautioned that the findings were preliminary.\n",
        [("source", "the findings were preliminary")],
        id="cautioned-that",
    ),
    pytest.param(
        "“Prices rose,” he said, “and wages fell.”\n",
        [("he", "Prices rose,"), ("he", "and wages fell.")],
        id="a-short-quote-resuming-after-the-attribution",
    ),
    pytest.param(
        "Foreign Minister Rami Haddad told a news conference in the capital, Dar Kalim, that his country did not "
        "seek escalation, but warned that any attack “will not go unanswered”.\n",
        [("Rami Haddad", "his country did not seek escalation"),
         ("Rami Haddad", "any attack “will not go unanswered”")],
        id="told-a-long-addressee-that-but-warned-that",
    ),
    pytest.param(
        "The sponsor said it had asked the team for a full account.\n",
        [("sponsor", "it had asked the team for a full account")],
        id="a-sponsor-is-a-source",
    ),
    pytest.param(
        "Fragments of rubber from one tyre factory account for most of the pollution in the river, according to a "
        "study published on Tuesday in the journal Aquatic Letters.\n\n"
        "Prices rose sharply, according to a report released on Monday by the central bank.\n",
        [("study", "Fragments of rubber from one tyre factory account for most of the pollution in the river"),
         ("central bank", "Prices rose sharply")],
        id="according-to-a-published-study-or-a-report-by-its-issuer",
    ),
    pytest.param(
        "The complaint alleges that a distribution line sparked the fire.\n",
        [("complaint", "a distribution line sparked the fire")],
        id="a-document-speaks",
    ),
    pytest.param(
        "Special police units retook the block shortly before midnight, the ministry said.\n",
        [("ministry", "Special police units retook the block shortly before midnight")],
        id="an-irregular-past-tense-makes-a-clause",
    ),
    pytest.param(
        "For Tarek Boustani, a security analyst who has followed the factions for a decade, the question of which "
        "commanders pulled the trigger misses the point. He argues that the escalation was ordered by Varkesh.\n",
        [("Tarek Boustani", "the question of which commanders pulled the trigger misses the point"),
         ("Tarek Boustani", "the escalation was ordered by Varkesh")],
        id="for-a-named-person-a-view",
    ),
    pytest.param(
        "In a speech before hundreds of tribesmen, a recording of which was received by the agency, al-Sahwani "
        "said, “our sons were taken from the checkpoint.”\n",
        [("al-Sahwani", "our sons were taken from the checkpoint.")],
        id="an-opening-phrase-then-x-said-a-quote",
    ),
    pytest.param(
        "Live: Rocket attack on the embassy – latest updates\n\n"
        "13:10 — Darusia's parliament speaker, Karim Shaddadi, has condemned what he called “a criminal act”.\n",
        [("Karim Shaddadi", "a criminal act")],
        id="a-live-page-label-and-time-stamps",
    ),
    pytest.param(
        "Stefan Aalto, a former ambassador, goes further. In his view the faction fired the rockets on orders "
        "from abroad.\n",
        [("Stefan Aalto", "the faction fired the rockets on orders from abroad")],
        id="in-his-view",
    ),
    pytest.param(
        "The talks failed, the minister said, “and nobody cares.”\n",
        [("minister", "The talks failed"), ("minister", "and nobody cares.")],
        id="a-short-quote-resuming-after-a-reported-clause",
    ),
]

NOT_CLAIMS = [
    pytest.param("Experience suggests that such talks rarely succeed.\n", id="an-abstraction-suggests"),
    pytest.param("Police said nothing about the motive.\n", id="said-nothing"),
    pytest.param("The film “Gone By Morning” opened in Baghdad on Friday.\n", id="quoted-film-title"),
    pytest.param("The so-called “truce” collapsed in November after two weeks.\n", id="scare-quotes"),
    pytest.param("The report, “Keeping the Fleet Moving”, recommended new buses.\n", id="quoted-report-title"),
    pytest.param("There was no immediate claim of responsibility for the attack.\n", id="noun-claim-is-not-a-cue"),
    pytest.param("The United States has been cutting its troop numbers in Iraq.\n", id="capitalised-states-is-a-name"),
    pytest.param("He refused to comment on the arrests.\n", id="infinitive-cue-is-not-a-claim"),
    pytest.param("Another estimated 1,000 fighters were killed in the fighting.\n", id="adjective-estimated"),
    pytest.param("Police arrested three suspected militants on Tuesday.\n", id="adjective-suspected"),
    pytest.param("For Iraq, the stakes are high.\n\nFor its part, the army has stayed silent.\n", id="for-a-place-or-its-part"),
    pytest.param("He did not say who was responsible for the shelling.\n", id="negated-cue"),
    pytest.param("Asked whether Washington believed Russia was responsible, the minister smiled.\n", id="indirect-question"),
]


@pytest.mark.parametrize("article, expected", CLAIM_CASES)
def test_claims(registry, article, expected):
    analysis = attrib.analyze_text(article, registry)
    found = claims_of(analysis)
    if expected == [(None, None)]:
        # The naming verb: exactly the quoted words, credited to the statement's owner or left unresolved.
        assert [text for _, text in found] == ["shameful terrorist crime."]
        return
    assert found == expected


@pytest.mark.parametrize("article", NOT_CLAIMS)
def test_not_claims(registry, article):
    assert claims_of(attrib.analyze_text(article, registry)) == []


def test_unbalanced_quote_does_not_swallow_the_rest(registry):
    article = ('The minister said "the situation is under control.\n\n'
               "Rockets struck the zone again on Monday.\n\n"
               "“Nobody was hurt,” the police said.\n")
    found = claims_of(attrib.analyze_text(article, registry))
    assert ("Rockets struck the zone again on Monday." not in [t for _, t in found])
    assert found[-1] == ("police", "Nobody was hurt,")


def test_unbalanced_marks_never_crash(registry):
    for article in ['"', '“', '” ” ”', 'He said "', '"a" "b', "‘x’ ‘", '""""""', "said: “"]:
        analysis = attrib.analyze_text(article, registry)
        for claim in analysis.claims:
            assert 0 <= claim.start <= claim.end <= len(article)


def test_every_claim_records_the_rule_that_found_it(registry):
    analysis = attrib.analyze_text("“It was a warning,” Rasool said.\n", registry)
    assert [c.rule for c in analysis.claims] == ["postposed"]
    assert analysis.claims[0].cue == "said"
    assert analysis.claims[0].kind == "direct"


def test_responded_with_no_clause_is_no_claim(registry):
    analysis = attrib.analyze_text("Bluewren responded within the hour.\n\nThe airline replied that the facts would show "
                                   "where the bottleneck was.\n", registry)
    assert claims_of(analysis) == [("airline", "the facts would show where the bottleneck was")]


def test_a_long_apposition_with_a_relative_clause_still_names_the_speaker(registry):
    article = ("Hanne Brask, a researcher at the University of Ostvik who studies state-sponsored hacking and was not "
               "involved in the report, said the technical evidence was solid.\n")
    assert [c.speaker.name for c in attrib.analyze_text(article, registry).claims] == ["Hanne Brask"]


def test_a_transcript_s_turns_are_their_speakers_words(registry):
    article = ("Quillmere cuts jobs\n\nChief Executive Adaeze Folarin spoke to analysts on Wednesday.\n\n"
               "Priyanka Dole, Harrowgate Securities: What is different now?\n\n"
               "Adaeze Folarin, chief executive: Honestly? Rates.\n\n"
               "Folarin: I am not going to promise that.\n\n"
               "Update: The figures are provisional.\n\n"
               "Rana Jaber, a political scientist, noted: “Every rocket is a test.”\n")
    analysis = attrib.analyze_text(article, registry)
    assert claims_of(analysis) == [("Priyanka Dole", "What is different now?"),
                                   ("Adaeze Folarin", "Honestly? Rates."),
                                   ("Adaeze Folarin", "I am not going to promise that."),
                                   ("Rana Jaber", "Every rocket is a test.")]
    assert [c.mention.text for c in analysis.claims][:3] == ["Priyanka Dole", "Adaeze Folarin", "Folarin"]


def test_claiming_responsibility_is_no_claim(registry):
    analysis = attrib.analyze_text("Black Lantern claimed responsibility for the attack on its leak site, where it "
                                   "posted files.\n", registry)
    assert claims_of(analysis) == []


def test_the_person_before_a_participle_or_an_apposition_speaks(registry):
    article = ("A former property developer accused of swindling 200 investors out of £4.2m has told a jury that "
               "his bookkeeper kept the accounts.\n\nEarlier, the jury heard from Brian Sowerby, 74, a retired "
               "postman from Hatchley, who said he had invested £85,000.\n")
    analysis = attrib.analyze_text(article, registry)
    assert [c.mention.text for c in analysis.claims] == ["A former property developer", "Brian Sowerby"]


def test_a_relative_clause_in_an_apposition_does_not_end_the_content(registry):
    article = ("The operator argues that signal failures on track owned by Northline Infrastructure, the publicly owned "
               "company that maintains the network, account for half of all delays.\n\n"
               "Cardale Rail runs the trains. Cardale does not deny that it is short of drivers. It says the shortage "
               "is national.\n")
    analysis = attrib.analyze_text(article, registry)
    assert claims_of(analysis)[0] == ("operator", "signal failures on track owned by Northline Infrastructure, the "
                                      "publicly owned company that maintains the network, account for half of all delays")
    assert claims_of(analysis)[1] == ("Cardale", "the shortage is national")


def test_told_the_outlet_then_a_clause(registry):
    analysis = attrib.analyze_text("Sally Pellow, whose daughter died in 2021, told the BBC the trust had ‘lied to us "
                                   "for six years’.\n", registry)
    assert claims_of(analysis) == [("Sally Pellow", "the trust had ‘lied to us for six years’")]
    assert [(b.accuser.name, b.accused.name) for b in analysis.blames] == [("Sally Pellow", "trust")]


def test_a_question_put_and_feelings_expressed_are_no_claims(registry):
    article = ("Asked whether Cobalt Ridge bore any responsibility, he said, \"We did everything we could.\"\n\n"
               "The chief minister visited the injured and expressed deep grief and sorrow over the loss of lives.\n\n"
               "The minister expressed hope that the talks would succeed.\n")
    assert [text for _, text in claims_of(attrib.analyze_text(article, registry))] == [
        "We did everything we could.", "hope that the talks would succeed"]


def test_closing_phrases_naming_a_place_or_the_press(registry):
    article = ("“The orders came from outside,” the minister stated to the press in the capital, Porto Valente.\n\n"
               "“Nobody threw stones,” Ms. Quispe stated to the press at the hospital of Villa Ocaraña, where she was "
               "accompanying an injured teenager.\n\n"
               "Its spokeswoman, Marcelina Quispe, denounced that the police “fired tear gas at women”.\n\n"
               "The minister denounced the attack.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("minister", "The orders came from outside,"), ("Quispe", "Nobody threw stones,"),
        ("Marcelina Quispe", "the police “fired tear gas at women”")]


def test_told_a_station_with_a_number(registry):
    article = ("The attorney, Marcus Ellery, spoke on Wednesday.\n\n"
               "\"Terrell was running away,\" Ellery told News 8. \"That officer never gave him a chance.\"\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Marcus Ellery", "Terrell was running away,"), ("Marcus Ellery", "That officer never gave him a chance.")]


def test_a_post_alongside_a_photograph_and_a_festival_called_off(registry):
    article = ("Lars Brekkestad broke his arm.\n\n“The moto rode straight into us,” Brekkestad wrote on Instagram on "
               "Tuesday night, alongside a photograph of his arm in a sling.\n\n"
               "The Saltmarsh Sound festival in Penmorrow was called off on Friday evening.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [("Lars Brekkestad", "The moto rode straight into us,")]
