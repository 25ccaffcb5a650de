"""Speaker resolution: aliases, spelling variants, titles by date, pronouns, role nouns, metonyms."""
from __future__ import annotations

from datetime import date

import pytest
import yaml

import attrib
from attrib.pipeline import resolver_for
from attrib.resolve import Context
from conftest import SMALL_ENTITIES, blames_of, claims_of, speakers_of


@pytest.mark.parametrize("mention", [
    "Mustafa al-Kadhimi", "mustafa al-kadhimi", "Mustafa Al Kadhimi", "Mustafa Al-Kádhimi", "Kadhimi", "AL-KADHIMI",
    "Kazemi", "al-Kazemi",
])
def test_aliases_match_regardless_of_case_accents_hyphens_and_al(small_registry, mention):
    resolution = resolver_for(small_registry).resolve(mention, Context())
    assert resolution.entity is not None and resolution.entity.id == "mustafa-al-kadhimi"


def test_transliteration_variant_resolves_by_fuzzy_match(small_registry):
    resolution = resolver_for(small_registry).resolve("Mustafa al-Kathemi", Context())
    assert resolution.entity.id == "mustafa-al-kadhimi"
    assert resolution.method == "fuzzy"
    assert resolution.score < 0.97  # lower than an exact alias


def test_a_shared_ending_does_not_make_a_misspelling(registry):
    """"Two officials" scores 88 against "NATO officials" on skeletons, all of it in the shared word."""
    resolver = resolver_for(registry)
    assert resolver.resolve("Two officials", Context()).entity is None
    assert resolver.resolve("Mustafa al-Kathemi's office", Context()).entity is not None


def test_one_short_word_is_no_misspelling(registry):
    assert resolver_for(registry).resolve("Vane", Context()).entity is None  # not JD Vance


def test_a_plural_word_is_no_misspelling_of_a_surname(registry):
    article = ("Riders' union president Jorge Ballester warned against a rush to judgement. "
               "Riders had a right to a fair process, he said, and careers had been \"destroyed by leaks\".\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Jorge Ballester", "Riders had a right to a fair process, he said, and careers had been \"destroyed by leaks\"")]


def test_unrelated_registered_namesake_is_not_confused(small_rules):
    entities = SMALL_ENTITIES + [{"id": "ahmad-kazemi", "name": "Ahmad Kazemi", "type": "person"}]
    # Without the explicit "Kazemi" alias the bare surname is shared: the article decides.
    entities[0] = {**entities[0], "aliases": []}
    (small_rules / "entities.yaml").write_text(yaml.safe_dump(entities, sort_keys=False), encoding="utf-8")
    registry = attrib.load_rules([small_rules], defaults=False)
    article = ("Iraqi Prime Minister Mustafa al-Kazemi met ambassadors on Wednesday.\n\n"
               "“The attacks target civilians,” Kazemi said.\n")
    [(speaker, _)] = claims_of(attrib.analyze_text(article, registry))
    assert speaker == "Mustafa al-Kadhimi"
    # With nothing in the article to tell them apart, "Kazemi" is Ahmad Kazemi's exact surname.
    [(speaker, _)] = claims_of(attrib.analyze_text("“We will respond,” Kazemi said.\n", registry))
    assert speaker == "Ahmad Kazemi"


@pytest.mark.parametrize("day, expected", [
    ("2020-12-23", "Mustafa al-Kadhimi"),
    ("2023-12-14", "Mohammed Shia al-Sudani"),
])
def test_title_resolves_by_the_articles_date(small_registry, day, expected):
    article = f"---\ndate: {day}\n---\nThe Iraqi Prime Minister said the attacks would be punished.\n"
    [(speaker, _)] = claims_of(attrib.analyze_text(article, small_registry))
    assert speaker == expected


def test_title_without_date_resolves_by_who_else_the_article_names(small_registry):
    article = ("Mohammed Shia al-Sudani met the US ambassador.\n\n"
               "The premier vowed that the attackers would be caught.\n")
    [(speaker, _)] = claims_of(attrib.analyze_text(article, small_registry))
    assert speaker == "Mohammed Shia al-Sudani"


def test_title_without_date_or_context_stays_ambiguous(small_registry):
    analysis = attrib.analyze_text("The premier said the attackers would be caught.\n", small_registry)
    [claim] = analysis.claims
    assert claim.speaker.entity is None
    assert claim.speaker.method == "ambiguous"
    assert set(claim.speaker.candidates) == {"mustafa-al-kadhimi", "mohammed-shia-al-sudani"}
    assert claim.confidence < 0.5


def test_pronouns_and_role_nouns_refer_back(registry):
    article = ("Major General Tahseen al-Khafaji spoke to INA on Thursday.\n\n"
               "He said the investigation was nearly complete.\n\n"
               "The spokesman added that arrests had been made.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == [
        "Tahseen al-Khafaji", "Tahseen al-Khafaji"]


def test_a_pronoun_refers_to_the_name_in_apposition_to_the_subject(registry):
    article = ("The company's chief executive, Laura Chen, defended the decision.\n\n"
               "She said the cuts were necessary.\n\n"
               "Her deputy, Sam Oduya, disagreed. “We are weeks away from a recovery,” he said.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Laura Chen", "Sam Oduya"]


def test_a_surname_is_the_person_a_role_noun_introduced(registry):
    article = ("Riverside United have sacked manager Carlos Mendes after seven defeats.\n\n"
               "Mendes told Radio Sport last week that he had been let down by the board.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Carlos Mendes"]


def test_an_acronym_the_article_defines_names_the_same_party(registry):
    article = ("The Sudanese army blamed the paramilitary Rapid Support Forces (RSF) for the attack.\n\n"
               "The RSF denied involvement and accused army-aligned militias of staging it.\n")
    analysis = attrib.analyze_text(article, registry)
    accused = [b.accused.name for b in analysis.blames if b.accuser and b.accuser.name == "Sudan"]
    accusers = [b.accuser.name for b in analysis.blames if b.accuser and b.accuser.name != "Sudan"]
    assert accused == ["Rapid Support Forces"] and accusers == ["Rapid Support Forces"]


def test_a_parenthesis_after_another_word_defines_no_acronym(registry):
    from attrib.resolve import defined_acronyms
    assert defined_acronyms("Protesters gathered on Tuesday (AFP) outside the Kurdistan Regional Government "
                            "(KRG) offices.") == {"KRG": "Kurdistan Regional Government"}


def test_it_is_an_institution_named_like_a_person(registry):
    article = ("The fans' trust said it was angry.\n\n"
               "Ashbury Town condemned the flares and said it had passed the matter to police.\n\n"
               "“We will ban those responsible,” it said.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == [
        "fans' trust", "Ashbury Town", "Ashbury Town"]


def test_the_ministry_is_the_last_ministry_the_article_named(registry):
    article = ("The Ministry of Foreign Affairs held Tiraz fully responsible for the attack.\n\n"
               "In a statement, the ministry condemned what it described as “a treacherous aggression”.\n\n"
               "In Tiraz, the Ministry of Defence rejected the account. The ministry said its forces had acted "
               "in self-defence.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Ministry of Foreign Affairs", "a treacherous aggression"),
        ("Ministry of Defence", "its forces had acted in self-defence")]


def test_the_spokesman_is_the_one_the_article_introduced_not_a_registered_holder(registry):
    article = ("The official spokesman of the Nahrabadi Armed Forces, Brigadier General Khalid al-Mansouri, "
               "stated that the armed forces had returned fire.\n\n"
               "“The situation is under control,” the spokesman said.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Khalid al-Mansouri"] * 2


def test_a_surname_is_the_person_an_apposition_named(registry):
    article = ("The agency suspended its leading climber, Mateo Ilundain, on Tuesday.\n\n"
               "“The science is clear,” said director-general Helga Brandvold.\n\n"
               "Ilundain, who finished second, denied taking any banned substance. "
               "In a statement, he insisted he had never cheated.\n")
    assert claims_of(attrib.analyze_text(article, registry))[-1] == ("Mateo Ilundain", "he had never cheated")


def test_one_is_one_of_the_people_the_sentence_before_named(registry):
    article = ("Rival team managers were less charitable. One, who asked not to be named, told the Daily that the "
               "results had “raised eyebrows” and accused the team of turning a blind eye.\n")
    analysis = attrib.analyze_text(article, registry)
    assert claims_of(analysis) == [("one of the rival team managers", "the results had “raised eyebrows”")]
    assert blames_of(analysis) == {("one of the rival team managers", "team")}


def test_the_spokesman_named_before_his_title(registry):
    article = ("Brigadier General Fares al-Mandili, the spokesman for the Marsanian Armed Forces, told reporters "
               "that the rockets came from the north.\n\n“This attack was carried out by the brigade,” the spokesman said.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Fares al-Mandili"] * 2


def test_a_lower_case_mention_of_a_countrys_office_needs_the_country(registry):
    article = ("Rockets hit the Tell Safra air base in Marsana.\n\n"
               "The prime minister's office said the attack was cowardly.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [("prime minister's office", "the attack was cowardly")]


def test_a_generic_alias_names_the_registrys_country_only_in_an_article_about_it(registry):
    """The registry's "security source" is an Iraqi one; in an article about another country it is no one known."""
    elsewhere = "Drones hit the oil terminal in Zerhun.\n\nA security source said the drones came from the east.\n"
    in_iraq = "Drones hit the oil terminal in Basra, Iraq.\n\nA security source said the drones came from the east.\n"
    assert claims_of(attrib.analyze_text(elsewhere, registry)) == [("security source", "the drones came from the east")]
    assert claims_of(attrib.analyze_text(in_iraq, registry)) == [("Iraqi security officials", "the drones came from the east")]


def test_it_is_not_officials_named_with_a_place(registry):
    article = ("Seventeen of the dead were inmates, two officials at the ministry told the Press. "
               "It blamed the prison service.\n")
    assert ("two officials at the ministry", "prison service") not in blames_of(attrib.analyze_text(article, registry))


def test_a_name_an_apposition_calls_a_group_is_it_not_he(registry):
    article = ("One of the officials said guards had been taken hostage.\n\n"
               "Prison Watch Oskaria, a Dravnik-based rights group, said the prison was full. "
               "It blamed the Oskarian Prison Service for ignoring warnings.\n")
    assert blames_of(attrib.analyze_text(article, registry)) == {("Prison Watch Oskaria", "Oskarian Prison Service")}


def test_the_statement_is_the_unregistered_body_that_spoke(registry):
    article = ("Border row\n\nThe Ministry of Foreign Affairs held Tiraz responsible.\n\n"
               "In a statement, it condemned what it described as “a treacherous aggression”.\n\n"
               "The ministry summoned the envoy, according to the statement.\n")
    assert claims_of(attrib.analyze_text(article, registry))[-1][0] == "Ministry of Foreign Affairs"


def test_an_institution_keeps_a_word_that_is_also_a_title(registry):
    article = "Riot\n\nInmates overpowered guards during breakfast, according to the Justice Ministry.\n"
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Justice Ministry", "Inmates overpowered guards during breakfast")]


def test_she_is_not_a_man_named_by_his_first_name(registry):
    article = ("Courts\n\nNathaniel Orrin, 41, denies robbery.\n\n"
               "The first witness, shop assistant Janine Corrow, told the court that the robber held a knife.\n\n"
               "“I thought he was going to kill me,” she said.\n")
    assert claims_of(attrib.analyze_text(article, registry))[-1] == ("Janine Corrow", "I thought he was going to kill me,")


def test_a_barrister_introduced_with_her_post_nominals_is_she(registry):
    article = ("Trial\n\nUnder cross-examination by defence barrister Harriet Selwyn KC, the witness conceded the point.\n\n"
               "Selwyn then set out the defence case. She told jurors that the watch had been planted.\n")
    assert claims_of(attrib.analyze_text(article, registry))[-1] == ("Harriet Selwyn", "the watch had been planted")


def test_interview_answers_are_the_interviewees(registry):
    article = ("Corinna Hallerup on the energy crisis\n\n"
               "Corinna Hallerup was the energy minister until 2023. She spoke to The Commonweal.\n\n"
               "Q: Whose fault is the crisis?\n\nA: The National Renewal Party's. They sold the gas.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Corinna Hallerup", "The National Renewal Party's. They sold the gas.")]


def test_the_group_is_the_body_named_just_before(registry):
    article = ("“The criminals will pay,” the minister said.\n\n"
               "The Eastern Liberation Front (ELF) denied any involvement. The group “had no knowledge of the "
               "operation”, it said in a statement.\n")
    assert claims_of(attrib.analyze_text(article, registry))[-1][0] == "Eastern Liberation Front"


def test_a_long_opening_phrase_before_the_subject(registry):
    article = ("The Ministry of Foreign Affairs held Tiraz responsible.\n\n"
               "In a statement carried by the official Nahrabad News Agency (NNA), the ministry condemned what it "
               "described as “a treacherous aggression”.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [("Ministry of Foreign Affairs", "a treacherous aggression")]


def test_a_capitalised_alias_without_the_country_needs_the_country_too(registry):
    elsewhere = "Embassy attack\n\nThe Joint Operations Command said three suspects had been arrested in Qal'at Sabir.\n"
    in_iraq = "Rockets hit Iraq\n\nThe Joint Operations Command said three suspects had been arrested in Baghdad.\n"
    assert claims_of(attrib.analyze_text(elsewhere, registry))[0][0] == "Joint Operations Command"
    assert claims_of(attrib.analyze_text(in_iraq, registry))[0][0] == "Iraqi Joint Operations Command"


def test_the_government_is_not_an_institution_quoted_only_later(registry):
    article = ("Drones struck the oil terminal on Monday, and the government blamed the Eastern Front.\n\n"
               "A security source said the attack came from the east.\n")
    assert ("government", "Eastern Front") in blames_of(attrib.analyze_text(article, registry))


def test_a_lower_case_title_is_the_holder_the_article_introduced(registry):
    """"the chairman" is also an alias of the Joint Chiefs' chairman: a football article's is its own."""
    article = ("---\ndate: 2025-05-04\n---\nRovers fans protested against chairman Victor Stallard on Saturday.\n\n"
               "The Ravensworth Supporters' Trust held the chairman responsible for the club's decline.\n")
    analysis = attrib.analyze_text(article, registry)
    assert [(b.accuser.name, b.accused.name) for b in analysis.blames] == [
        ("Ravensworth Supporters' Trust", "Victor Stallard")]
    alone = resolver_for(registry).resolve("the chairman", Context(date=date(2025, 5, 4)))
    assert alone.entity is None and alone.method == "ambiguous"


def test_a_spokesperson_for_a_body_inside_a_party_is_not_the_partys_spokesman(registry):
    resolver = resolver_for(registry)
    assert resolver.resolve("a spokesperson for the UN refugee agency", Context()).name == "United Nations"
    assert resolver.resolve("a UN spokesperson", Context(date=date(2021, 5, 1))).name == "Stephane Dujarric"


def test_a_surname_subject_is_the_person_a_later_claim_names_in_full(registry):
    article = ("Castellanos accused Kestrel Pay of leaving the tool unpatched for months.\n\n"
               "“The door was open,” she said.\n\n"
               "Grey Lantern was behind six similar attacks, according to threat analyst Mira Castellanos.\n")
    speakers = speakers_of(attrib.analyze_text(article, registry))
    assert speakers[0] == "Mira Castellanos"


def test_it_refers_to_the_last_institution_that_spoke(registry):
    article = ("“Such attacks cannot be tolerated,” said Sudani’s office in a statement.\n\n"
               "“They harm Iraq’s reputation,” it said.\n")
    speakers = speakers_of(attrib.analyze_text(article, registry))
    assert speakers == ["Office of the Iraqi Prime Minister", "Office of the Iraqi Prime Minister"]


def test_his_office_is_the_office_of_the_person(registry):
    article = ("---\ndate: 2020-12-23\n---\nMustafa al-Kadhimi met 25 ambassadors.\n\n"
               "According to a statement by his office, the talks covered security.\n")
    [(speaker, _)] = claims_of(attrib.analyze_text(article, registry))
    assert speaker == "Office of the Iraqi Prime Minister"


def test_capital_as_metonym_is_the_government(registry):
    article = "Washington said the attack was unacceptable.\n\nTehran said it had no part in it.\n"
    assert speakers_of(attrib.analyze_text(article, registry)) == [
        "United States government", "Iran"]


def test_unknown_person_keeps_a_cleaned_name_and_is_listed_unresolved(registry):
    article = "Capt. Dana Whitlock, the spokesman for the coalition, said the base was not hit.\n"
    analysis = attrib.analyze_text(article, registry)
    [(speaker, _)] = claims_of(analysis)
    assert speaker == "Dana Whitlock"
    assert [(u.mention, u.role) for u in analysis.unresolved] == [("Dana Whitlock", "speaker")]
    record = attrib.analysis_record(analysis)
    assert record["claims"][0]["speaker_id"] is None
    assert record["claims"][0]["mention"] == "Capt. Dana Whitlock"


def test_later_surname_reuses_the_unregistered_full_name(registry):
    article = ("Council spokesperson Mira Castell said the depot would reopen.\n\n"
               "“Nobody was hurt,” Castell said.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Mira Castell", "Mira Castell"]


def test_generic_title_needs_the_article_to_say_whose(registry):
    # "a spokesperson" is not the State Department's spokesperson just because of the date.
    article = "---\ndate: 2023-06-01\n---\nA spokesperson said the talks would continue.\n"
    [claim] = attrib.analyze_text(article, registry).claims
    assert claim.speaker.entity is None


def test_date_changes_the_holder(small_registry):
    resolver = resolver_for(small_registry)
    early = resolver.resolve("Iraqi Prime Minister", Context(date=date(2021, 6, 1)))
    late = resolver.resolve("Iraqi Prime Minister", Context(date=date(2023, 12, 14)))
    assert (early.entity.id, late.entity.id) == ("mustafa-al-kadhimi", "mohammed-shia-al-sudani")


# ------------------------------------------------------------------ explaining


def test_explain_a_title_by_date(registry):
    from attrib.resolve import explain

    found = explain("Iraqi Prime Minister", registry, date(2023, 12, 14))
    assert found.resolution.entity.id == "mohammed-shia-al-sudani"
    assert (found.method, found.matched, found.role.title) == ("role", "Iraqi Prime Minister", "Prime Minister of Iraq")
    assert [(h.entity.id, h.active) for h in found.holders] == [
        ("adil-abdul-mahdi", False), ("mustafa-al-kadhimi", False), ("mohammed-shia-al-sudani", True)]
    assert found.undated.method == "ambiguous"  # what the date changed
    assert set(found.undated.candidates) == {h.entity.id for h in found.holders}
    assert explain("Iraqi Prime Minister", registry, date(2021, 6, 1)).resolution.entity.id == "mustafa-al-kadhimi"


def test_explain_an_alias_the_date_does_not_change(registry):
    from attrib.resolve import explain

    found = explain("Kazemi", registry, date(2020, 12, 24))
    assert found.resolution.entity.id == "mustafa-al-kadhimi"
    assert (found.method, found.matched, found.undated, found.holders) == ("exact", "Kazemi", None, ())
    assert all(c.entity.id != "mustafa-al-kadhimi" and c.score < 100 for c in found.runners_up)


def test_explain_a_fuzzy_match_gives_its_score_and_spelling(small_registry):
    from attrib.resolve import explain

    found = explain("Kadhimy", small_registry)
    assert (found.resolution.entity.id, found.method, found.matched, found.score) == (
        "mustafa-al-kadhimi", "fuzzy", "Kazemi", 100.0)


def test_explain_an_unknown_name(small_registry):
    from attrib.resolve import explain

    found = explain("Capt. Bill Urban", small_registry)
    assert (found.resolution.entity, found.method, found.matched) == (None, "unresolved", None)


# ------------------------------------------------------------- fuzzy lookups


def test_fuzzy_lookups_skip_only_lengths_that_cannot_reach_the_cutoff(registry):
    from rapidfuzz import fuzz, process

    from attrib.resolve import Resolver, skeleton

    resolver = Resolver(registry)
    keys, _, _ = resolver._fuzzy_choices()
    for name in ["kadimi", "sudany", "kataib hizbolah", "iran backed militia", "ghanimi", "us", "x" * 40]:
        query = skeleton(name)
        everything = sorted(score for _, score, _ in process.extract(query, keys, scorer=fuzz.ratio, limit=None,
                                                                        score_cutoff=78))
        banded = sorted(score for score, _ in resolver._extract(query, limit=len(keys), cutoff=78))
        assert banded == everything, name


# ----------------------------------------------------------- near duplicates


def near(entities: str, tmp_path, *dirs_before):
    from attrib.resolve import near_duplicates

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "entities.yaml").write_text(entities, encoding="utf-8")
    registry = attrib.load_rules([*dirs_before, mine], defaults=False)
    return [str(p) for p in near_duplicates(registry, from_layer=len(dirs_before))]


def test_near_duplicate_spellings_of_two_entities_warn(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert near("- id: a\n  name: Hamid Jaber\n  type: person\n"
                "- id: b\n  name: Hamid Jabir\n  type: person\n  aliases: [Abu Layla]\n", tmp_path) == [
        'mine/entities.yaml:5:9: name "Hamid Jabir" of "b" is close to name "Hamid Jaber" of "a" (line 2, '
        "similarity 100): a misspelling could match either"]


@pytest.mark.parametrize("first, second", [
    ("Iraq's foreign ministry", "Iran's foreign ministry"),  # different words, not different spellings
    ("Basra Provincial Council", "Basra Provincial Councils"),  # nearly equal, but the same entity below
], ids=["different-words", "same-entity"])
def test_no_warning_for_distinct_words_or_one_entity(tmp_path, first, second):
    same = second.endswith("Councils")
    text = (f"- id: a\n  name: {first}\n  type: organization\n" + (f"  aliases: [{second}]\n" if same else
            f"- id: b\n  name: {second}\n  type: organization\n"))
    assert near(text, tmp_path) == []


def test_no_warning_for_types_fuzzy_matching_never_reaches(tmp_path):
    assert near("- id: sudan\n  name: Sudan\n  type: government\n"
                "- id: sudani\n  name: Hamid al-Sudani\n  type: person\n  aliases: [Sudany]\n", tmp_path) == []


def test_near_duplicates_only_where_the_later_layers_take_part(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    base = tmp_path / "base"
    base.mkdir()
    (base / "entities.yaml").write_text("- id: a\n  name: Hamid Jaber\n  type: person\n"
                                        "- id: b\n  name: Hamid Jabir\n  type: person\n", encoding="utf-8")
    assert near("- id: c\n  name: Salim Kareem\n  type: person\n", tmp_path, base) == []
    (tmp_path / "mine").rename(tmp_path / "mine-1")
    assert near("- id: c\n  name: Hamid Jabeer\n  type: person\n", tmp_path, base) == [
        'mine/entities.yaml:2:9: name "Hamid Jabeer" of "c" is close to name "Hamid Jaber" of "a" '
        "(base/entities.yaml:2, similarity 100): a misspelling could match either",
        'mine/entities.yaml:2:9: name "Hamid Jabeer" of "c" is close to name "Hamid Jabir" of "b" '
        "(base/entities.yaml:5, similarity 100): a misspelling could match either"]


def test_title_then_al_surname(registry):
    [(speaker, _)] = claims_of(attrib.analyze_text("Iraqi Prime Minister al-Kazemi said the attacks must stop.\n", registry))
    assert speaker == "Mustafa al-Kadhimi"


def test_a_registered_surname_inside_an_arabic_name_is_not_that_person(registry):
    article = ("Sheikh Saqr bin Hamdan al-Ghufaili, the chief of the tribe, pointed the finger at smuggling gangs. "
               "He told the Ledger by telephone that smugglers fired first.\n")
    assert claims_of(attrib.analyze_text(article, registry)) == [
        ("Saqr bin Hamdan al-Ghufaili", "smugglers fired first")]  # not Osama Hamdan


def test_a_registered_surname_used_as_a_first_name_is_not_that_person(registry):
    article = "Basra police spokesman Hussein Falah said the road was closed.\n"
    [(speaker, _)] = claims_of(attrib.analyze_text(article, registry))
    assert speaker == "Hussein Falah"


def test_a_person_named_after_the_body_they_lead_is_that_person(registry):
    article = ("PJF Parliamentary Leader in the Ghazirat Assembly Rana Zulqarnain Bhattar said the government "
               "had failed.\n\nSen. Ray Okafor, D-Tamarack, said the commission never checked.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Rana Zulqarnain Bhattar", "Ray Okafor"]


def test_the_spokesman_opening_a_sentence_is_the_article_s_own(registry):
    # The registry's spokesman of the armed forces (named at the end) does not take over "The spokesman".
    article = ("Darband, May 14 (VNNA) - The spokesman of the Ministry of Foreign Affairs, Dr. Kamal Eddin Sharafi, "
               "affirmed that the drone had taken off from the zone.\n\n"
               "The spokesman rejected the allegations, describing them as “fabricated pretexts”.\n\n"
               "In the same context, the General Command of the Army and Armed Forces said in a statement that the "
               "air defence units had shot down a second drone, affirming that the armed forces are ready.\n")
    analysis = attrib.analyze_text(article, registry, date=date(2026, 5, 14))
    assert speakers_of(analysis)[:2] == ["Kamal Eddin Sharafi", "Kamal Eddin Sharafi"]
    assert analysis.claims[0].mention.text == "Dr. Kamal Eddin Sharafi"  # the dateline is no part of it


def test_it_is_the_body_an_apposition_with_a_relative_clause_described(registry):
    article = ("The airline said it had cut flights.\n\nEsterland Air Navigation, the state-owned company that runs "
               "the country's air traffic control, rejected that account. In a statement on its own website, it said "
               "the Kellby centre had been fully staffed.\n\nAyla Brennecke wrote on X that pilots were tired. "
               "In a separate post on LinkedIn she said pilots had been asked to work their days off.\n")
    analysis = attrib.analyze_text(article, registry)
    assert speakers_of(analysis) == ["airline", "Esterland Air Navigation", "Ayla Brennecke", "Ayla Brennecke"]
    assert [c.mention.text for c in analysis.claims][1:] == ["it", "Ayla Brennecke", "she"]


def test_a_company_s_officer_in_apposition_is_the_subject_she_points_back_to(registry):
    article = ("A Nimbara spokeswoman declined to comment.\n\nChatterly's chief technology officer, Wen Halvorsen, has "
               "posted a thread on X.\n\n“We traced the problem to a faulty change by Nimbara Cloud,” she wrote.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Wen Halvorsen"]


def test_a_report_by_a_body_published_on_a_day_is_the_body_s(registry):
    article = ("According to a report by the Halden Centre published on Tuesday, the rockets came from the faction.\n")
    assert speakers_of(attrib.analyze_text(article, registry)) == ["Halden Centre"]


def test_he_is_not_a_woman_named_by_her_role_or_a_time(registry):
    # "The former inspector says she ..." tells her sex; "Until March 2022" and "the former inspector's account"
    # are no parties "he" can point back to.
    article = ("Conrad Ferrish runs the mine.\n\nUntil March 2022 she was an inspector. The former inspector says "
               "she saw the problem.\n\nPut to Ferrish, the former inspector's account drew a sharp answer. "
               "“We answered every letter,” he said.\n\nA shift supervisor at the plant told the Review that "
               "managers had ordered crews to keep pumping.\n")
    analysis = attrib.analyze_text(article, registry)
    assert speakers_of(analysis) == ["former inspector", "Conrad Ferrish", "shift supervisor at the plant"]


def test_a_player_introduced_by_position_is_he_and_a_possessive_noun_is_no_cue(registry):
    article = ("Halsey Rovers midfielder Teodor Brannick has been banned for four years, the federation announced.\n\n"
               "Brannick broke his silence on Thursday night in a post.\n\n"
               "“I have never knowingly taken a banned substance,” he wrote.\n\n"
               "Asked about Brannick's comments, a federation spokesperson said the ruling stood.\n")
    analysis = attrib.analyze_text(article, registry)
    assert speakers_of(analysis)[1] == "Teodor Brannick"
    assert analysis.claims[2].mention.text == "a federation spokesperson"


def test_they_are_the_people_a_counted_subject_names_and_she_is_not_a_crowd(registry):
    article = ("The journal retracted the paper.\n\nSeven of the paper's nine authors have been less reticent. In a "
               "letter, they wrote that none of them had the files.\n\nDr Miriam Castellano said testing had matched "
               "the bacteria. Twenty-six people have been hospitalized, she said.\n")
    analysis = attrib.analyze_text(article, registry)
    assert speakers_of(analysis) == ["Seven of the paper's nine authors", "Miriam Castellano", "Miriam Castellano"]


def test_a_source_with_no_letters_before_the_ministry_does_not_break_resolution(registry):
    # Found by the property tests: a speaker named by a control character, then "the ministry".
    analysis = attrib.analyze_text('\x1b,A0:ACCUSE"THE MINISTRY 0', registry)
    assert all(c.speaker is not None for c in analysis.claims)


def test_one_unknown_word_like_a_registered_name_is_not_that_person(registry):
    analysis = attrib.analyze_text("Ritter was charged with armed robbery, police said.\n", registry)
    assert [(b.accuser.name, b.accused.name) for b in analysis.blames] == [("police", "Ritter")]
