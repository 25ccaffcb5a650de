"""Blame relations: every pattern that holds a party responsible, and what must not count."""
from __future__ import annotations

import pytest

import attrib
from conftest import DEV, blames_of

US = "United States government"
MILITIAS = "Iran-backed militias"
UNNAMED = "unidentified perpetrators"

BLAME_CASES = [
    pytest.param("The union blamed the port operator for the delays.\n",
                 {("union", "port operator")}, id="unregistered-parties-named-by-common-nouns"),
    pytest.param("Washington blamed the attack on Kataib Hezbollah.\n",
                 {(US, "Kataib Hezbollah")}, id="x-blamed-the-act-on-y"),
    pytest.param("Protesters accused the police of using excessive force.\n",
                 {("protesters", "police")}, id="unregistered-party-named-by-an-institution-noun"),
    pytest.param("Rosa Kimani said the operator had refused to negotiate and accused management of stalling.\n",
                 {("Rosa Kimani", "management")}, id="coordinated-accusation-after-a-report"),
    pytest.param("Frost has denied wrongdoing and blamed political rivals for the smear campaign.\n",
                 {("Frost", "political rivals")}, id="blame-coordinated-after-a-denial-of-something-else"),
    pytest.param("Supporters' group chairman Kev Lyons criticised the board for waiting so long.\n",
                 {("Kev Lyons", "board")}, id="x-criticised-y-for"),
    pytest.param("Sofia Kalm blamed the commission rather than the Civic Union for the chaos.\n",
                 {("Sofia Kalm", "commission")}, id="rather-than-clears-a-party"),
    pytest.param("The breach was carried out by a group known as Grey Lantern, officials at the National Cyber "
                 "Defence Agency (NCDA) said.\n\nGrey Lantern was behind six similar attacks last year, according "
                 "to Halvard's head of threat intelligence, Mira Castellanos.\n",
                 {("National Cyber Defence Agency", "Grey Lantern"), ("Mira Castellanos", "Grey Lantern")},
                 id="unregistered-names-longer-than-a-registered-one-and-a-named-doer"),
    pytest.param("Henrik Daal said any problems were the responsibility of local election officials.\n",
                 {("Henrik Daal", "local election officials")}, id="the-responsibility-of-an-unregistered-party"),
    pytest.param("Moravec blamed Velorian security services for leaking the names.\n",
                 {("Moravec", "Velorian security services")}, id="a-nationality-the-registry-lacks"),
    pytest.param("Washington blamed Iran on Tuesday for the attack.\n",
                 {(US, "Iran")}, id="blamed-y-on-a-weekday-for"),
    pytest.param("U.S. officials blame Iran-backed militias for regular rocket attacks on US facilities.\n",
                 {(US, MILITIAS)}, id="x-blames-y-for"),
    pytest.param("Washington accuses armed Iraqi factions linked with Iran of carrying out the attacks.\n",
                 {(US, MILITIAS)}, id="x-accuses-y-of"),
    pytest.param("Washington holds Tehran responsible for the safety of its diplomats in Baghdad.\n",
                 {(US, "Iran")}, id="x-holds-y-responsible"),
    pytest.param("Iran-backed militias were blamed by US officials for the rocket fire.\n",
                 {(US, MILITIAS)}, id="y-was-blamed-by-x"),
    pytest.param("A US spokesperson said the attacks were initiated by Iran-aligned militias.\n",
                 {(US, MILITIAS)}, id="attack-initiated-by-y"),
    pytest.param("US officials said the rockets were fired by Iran-backed militias.\n",
                 {(US, MILITIAS)}, id="rockets-fired-by-y"),
    pytest.param("Washington said the attack was carried out by Kataib Hezbollah.\n",
                 {(US, "Kataib Hezbollah")}, id="carried-out-by-y"),
    pytest.param("US officials said Iran-backed militias fired the rockets at the embassy.\n",
                 {(US, MILITIAS)}, id="y-fired-the-rockets"),
    pytest.param("Washington said Kataib Hezbollah was behind the attack.\n",
                 {(US, "Kataib Hezbollah")}, id="y-was-behind-the-attack"),
    pytest.param("Iran-backed militias had decided to resume attacks on US bases, according to Iraqi security officials.\n",
                 {("Iraqi security officials", MILITIAS)}, id="according-to-x-y-decided-to-resume-attacks"),
    pytest.param("Washington linked the attackers to Kataib Hezbollah on Monday.\n",
                 {(US, "Kataib Hezbollah")}, id="x-linked-the-attackers-to-y"),
    pytest.param("US officials pointed the finger at Iran-backed militias after the strike.\n",
                 {(US, MILITIAS)}, id="x-pointed-the-finger-at-y"),
    pytest.param("Sudani’s office said some of the attackers were connected to certain security services.\n",
                 {("Office of the Iraqi Prime Minister", "Iraqi security services")}, id="some-attackers-connected-to-y"),
    pytest.param("Yehia Rasool said “crime gangs” had renewed their rocket attacks on the Green Zone.\n",
                 {("Yehia Rasool", UNNAMED)}, id="label-crime-gangs-as-doers"),
    pytest.param("The Iraqi military said an outlaw group fired the rockets.\n",
                 {("Iraqi military", UNNAMED)}, id="label-outlaw-group-fired"),
    pytest.param("Al-Kadhimi said the perpetrators of the attacks seek to destabilize Iraq.\n",
                 {("Mustafa al-Kadhimi", UNNAMED)}, id="label-the-perpetrators"),
    pytest.param("Moqtada al-Sadr said that anyone who fires rockets is a terrorist.\n",
                 {("Moqtada al-Sadr", UNNAMED)}, id="label-calls-them-terrorist"),
    pytest.param("Tahseen al-Khafaji spoke on Thursday.\n\nHe said the outlaws were trying to harm Iraq.\n",
                 {("Tahseen al-Khafaji", UNNAMED)}, id="accuser-is-a-pronoun-speaker"),
]

# Beyond the development set's subject.
BLAME_CASES += [
    pytest.param("The Russian defence ministry said Ukrainian troops had fired on the nuclear plant.\n",
                 {("Russia", "Ukraine")}, id="nationality-names-the-state-behind-its-forces"),
    pytest.param("Rebel commanders said Northern Alliance fighters had fired on the convoy.\n",
                 {("Rebel commanders", "Northern Alliance fighters")}, id="unregistered-force-as-doer"),
    pytest.param("Moscow blamed Kyiv for the attacks on the plant.\n", {("Russia", "Ukraine")}, id="capitals-as-parties"),
    pytest.param("The Kurdistan Regional Government (KRG) blamed “outlaw groups” for the drone attack.\n",
                 {("Kurdistan Regional Government", UNNAMED)}, id="acronym-in-brackets-after-the-accuser"),
    pytest.param("A US spokesperson said the available indications pointed to Iran-aligned militias.\n",
                 {(US, MILITIAS)}, id="indications-point-to-y"),
    pytest.param("Senator Jim Risch said there was no doubt that Iran was responsible.\n",
                 {("Jim Risch", "Iran")}, id="y-was-responsible"),
    pytest.param("The health ministry in Gaza said an Israeli air strike had hit the hospital.\n",
                 {("Gaza Health Ministry", "Israel")}, id="nationality-adjective-as-doer"),
    pytest.param("The Israeli army said the blast was caused by a rocket misfired by Islamic Jihad.\n",
                 {("Israel Defense Forces", "Palestinian Islamic Jihad")}, id="misfired-by-y"),
    pytest.param("The minister was criticised by the opposition for the delays.\n",
                 {("opposition", "minister")}, id="y-was-criticised-by-x-for"),
    pytest.param("“The criminals of the so-called Liberation Front have shown who they are,” Haddawi said.\n",
                 {("Haddawi", "Liberation Front")}, id="label-of-a-named-party"),
    pytest.param("Salim Baraka, a spokesman for the group's political wing, went further, accusing the rival "
                 "Hawk Brigades of staging the attack.\n",
                 {("Salim Baraka", "Hawk Brigades")}, id="participle-accuser-is-the-sentence-subject"),
    pytest.param("Veloria's foreign ministry summoned the ambassador and ordered three of his staff to leave, "
                 "accusing Ambrenia of running a spy network.\n",
                 {("Veloria's foreign ministry", "Ambrenia")}, id="possessive-owner-opens-the-subject"),
    pytest.param("The Ministry of Foreign Affairs held the Republic of Tiraz fully responsible for the attack.\n",
                 {("Ministry of Foreign Affairs", "Republic of Tiraz")}, id="held-a-name-with-of-fully-responsible"),
    pytest.param("A source said the attack appeared to have been carried out by ELF fighters using a drone.\n",
                 {("source", "ELF fighters")}, id="carried-out-by-a-party-using-something"),
    pytest.param("Its director, Tobias Renner, blamed the supplier outright.\n",
                 {("Tobias Renner", "supplier")}, id="blamed-y-with-a-trailing-adverb"),
    pytest.param("He blamed years of underfunding by ministers.\n",
                 {("He", "ministers")}, id="blamed-a-cause-by-its-doer"),
    pytest.param("The union blamed the cuts on ministers.\n",
                 {("union", "ministers")}, id="blamed-the-act-on-an-unnamed-party"),
    pytest.param("The deaths of two guards were blamed on the Red Scorpions' leader, Bojan Kral, the officials said.\n",
                 {("officials", "Bojan Kral")}, id="act-was-blamed-on-y-x-said"),
    pytest.param("Two previous riots were blamed on the Red Scorpions by prosecutors, who won convictions.\n",
                 {("prosecutors", "Red Scorpions")}, id="act-was-blamed-on-y-by-x"),
    pytest.param("The collapse of order was blamed by deputy Marta Leskovar on the government's decision to cut "
                 "the prison budget.\n",
                 {("Marta Leskovar", "government")}, id="act-was-blamed-by-x-on-the-owner-of-another-act"),
    pytest.param("The minister said the riot had been ordered by leaders of the Red Scorpions, a gang.\n",
                 {("minister", "Red Scorpions")}, id="ordered-by-leaders-of-a-named-party"),
    pytest.param("The minister blamed the weather and a rights group accused the authorities of neglect.\n",
                 {("rights group", "authorities")}, id="subject-after-another-verbs-object"),
    pytest.param("Olander accuses Feldt of hiding forecast\n\nOpposition leader says finance minister sat on figures\n\n"
                 "Margit Olander has accused Finance Minister Jonas Feldt of hiding a forecast.\n",
                 {("Margit Olander", "Jonas Feldt")}, id="title-and-unregistered-name-as-object"),
    pytest.param("The Arab Republic of Haddar on Monday strongly condemned the shelling by the Korsian occupation "
                 "forces of three villages.\n",
                 {("Arab Republic of Haddar", "Korsian occupation forces")}, id="condemned-an-act-by-y"),
    pytest.param("Al-Nadawi accused “foreign intelligence services” of standing behind the killing.\n",
                 {("Al-Nadawi", "foreign intelligence services")}, id="quoted-unregistered-accused"),
    pytest.param("Security officials suspect that most of the attacks are the work of the Thughur Brigades.\n",
                 {("Security officials", "Thughur Brigades")}, id="officials-suspect-the-work-of-y"),
    pytest.param("Leila Darwish-Moore said the attacks were “most likely” the work of Thughur commanders trying to "
                 "force the companies to hire their men.\n",
                 {("Leila Darwish-Moore", "Thughur commanders")}, id="the-work-of-a-party-doing-something"),
    pytest.param("Drones hit the airport\n\nThe directorate blamed Harakat Nujum al-Wadi.\n\n"
                 "“Everything points to the same people,” the source said.\n",
                 {("directorate", "Harakat Nujum al-Wadi"), ("source", "Harakat Nujum al-Wadi")},
                 id="the-same-people-are-the-party-accused-before"),
    pytest.param("The movement accused the intelligence services of the occupation of staging the operation.\n",
                 {("movement", "intelligence services of the occupation")}, id="accused-y-of-z-of-doing"),
    pytest.param("Veloria, which often accuses others, was quick to point the finger at Saraya al-Nur through an "
                 "official quoted anonymously by news agencies.\n",
                 {("Veloria", "Saraya al-Nur")}, id="was-quick-to-point-the-finger"),
    pytest.param("The bridge was built by Corbishley Civil in 2019.\n\n“Corbishley cut corners and my members knew "
                 "it,” union official Gideon Lindgard said.\n",
                 {("Gideon Lindgard", "Corbishley")}, id="one-word-name-the-article-writes-as-a-name"),
    pytest.param("Darusia's parliament speaker, Karim Shaddadi, condemned what he called “a criminal act by outlaw "
                 "gangs”.\n", {("Karim Shaddadi", UNNAMED)}, id="an-act-by-a-label"),
    pytest.param("Iran's foreign ministry described the strike as “a blatant Israeli aggression”.\n",
                 {("Iranian Ministry of Foreign Affairs", "Israel")}, id="naming-an-act-by-its-doer"),
    pytest.param("“Corbishley Civil cut costs on that job, and the bridge paid for it,” engineer Ines Valcourt said.\n",
                 {("Ines Valcourt", "Corbishley Civil")}, id="a-named-party-cut-costs"),
    pytest.param("Hala Mardini, a researcher, points the finger instead at Usbat al-Tha’r, a splinter group.\n",
                 {("Hala Mardini", "Usbat al-Tha’r")}, id="point-the-finger-instead-at"),
    pytest.param("Its spokesman, Abu Turab al-Shammakhi, has instead accused Velorian intelligence of staging it.\n",
                 {("Abu Turab al-Shammakhi", "Velorian intelligence")}, id="has-instead-accused"),
    pytest.param("The government of Prime Minister Adil al-Rubaie has been careful to blame only “outlaw gangs”.\n",
                 {("Adil al-Rubaie", UNNAMED)}, id="careful-to-blame"),
    pytest.param("The ministry firmly denied the report and sharply criticised the army for the delay.\n",
                 {("ministry", "army")}, id="and-an-adverb-before-the-blame-verb"),
    pytest.param("Ms Harlow laid the blame squarely at the feet of the regulator.\n",
                 {("Harlow", "regulator")}, id="laid-the-blame-at-the-feet-of"),
    pytest.param("The mayor put the blame on the water company.\n",
                 {("mayor", "water company")}, id="put-the-blame-on"),
    pytest.param("The governor lashed out at the utility over the outage.\n",
                 {("governor", "utility")}, id="lashed-out-at-y-over"),
    pytest.param("The minister came down heavily on the previous government for the power crisis.\n",
                 {("minister", "previous government")}, id="came-down-heavily-on-y-for"),
    pytest.param("Researchers attributed the intrusion to a group they track as Copper Vole.\n",
                 {("Researchers", "Copper Vole")}, id="attributed-to-a-group-known-by-a-name"),
    pytest.param("Food safety inspectors traced the outbreak to a supplier in Dunmore.\n",
                 {("Food safety inspectors", "supplier")}, id="traced-the-outbreak-to-a-party"),
    pytest.param("Investigators said the attack bears the hallmarks of the Red Scorpions.\n",
                 {("Investigators", "Red Scorpions")}, id="bears-the-hallmarks-of"),
    pytest.param("The senator said the utility was responsible for the blackout.\n",
                 {("senator", "utility")}, id="a-body-named-by-its-role-was-responsible"),
    pytest.param("“Management is to blame for this strike,” the union said.\n",
                 {("union", "Management")}, id="role-noun-is-to-blame"),
    pytest.param("“The blame lies squarely with the contractor,” the engineer said.\n",
                 {("engineer", "contractor")}, id="the-blame-lies-with"),
    pytest.param("The Foreign Ministry strongly condemned the heinous crime perpetrated by the so-called Valdor "
                 "Liberation Army.\n", {("Foreign Ministry", "Valdor Liberation Army")},
                 id="condemned-an-act-perpetrated-by-y"),
    pytest.param("The spokesman affirmed that the regime bears full responsibility for the consequences.\n",
                 {("spokesman", "regime")}, id="y-bears-full-responsibility"),
    pytest.param("“Northway's negligence caused this, plain and simple,” said Tomas Reyes.\n",
                 {("Tomas Reyes", "Northway")}, id="a-named-party-s-negligence"),
    pytest.param("The mayor said it was the council's fault.\n", {("mayor", "council")}, id="the-body-s-fault"),
    pytest.param("“Responsibility for this rests with the regulators,” Okafor said.\n",
                 {("Okafor", "regulators")}, id="responsibility-for-this-rests-with"),
    pytest.param("Denise Varga said she blamed both Greenmont and the restaurant chain.\n",
                 {("Denise Varga", "Greenmont"), ("Denise Varga", "restaurant chain")}, id="blamed-both-x-and-y"),
    pytest.param("Bayline's manager, Curtis Embry, faulted the railroad's track contractor, Stellwood Track Services, "
                 "saying the firm had been paid.\n", {("Curtis Embry", "Stellwood Track Services")},
                 id="the-accused-named-in-apposition"),
    pytest.param("Owen Baptiste charged that Bayline had diverted money from track maintenance.\n",
                 {("Owen Baptiste", "Bayline")}, id="charged-that-y-diverted-money"),
    pytest.param("“This was a failure by Bayline's leadership,” Keller said.\n",
                 {("Keller", "Bayline's leadership")}, id="a-failure-by-y"),
    pytest.param("Sardar Dalwani came down heavily on the opposition People's Justice Front (PJF) for its remarks.\n",
                 {("Sardar Dalwani", "People's Justice Front")}, id="criticised-a-party-with-its-acronym"),
    pytest.param("Rana Bhattar lambasted the provincial government, holding it responsible for the failure.\n",
                 {("Rana Bhattar", "provincial government")}, id="holding-it-responsible-points-back-to-the-object"),
    pytest.param("Sen. Ray Okafor, D-Tamarack, laid the blame at the feet of the commission itself.\n",
                 {("Ray Okafor", "commission")}, id="senator-with-party-and-state"),
    pytest.param("Hon. Bamidele Osagie said both governments should share the blame but held the Okunmade "
                 "administration chiefly responsible for the disaster.\n",
                 {("Bamidele Osagie", "Okunmade administration")}, id="but-held-y-responsible"),
    pytest.param("The Kolistani Foreign Office lodged a strong protest over what it called “ceasefire violations by "
                 "Dhanvar forces”.\n", {("Kolistani Foreign Office", "Dhanvar forces")}, id="violations-by-y"),
    pytest.param("The military’s media wing, the Inter-Services Information Directorate (ISID), alleged that Dhanvar "
                 "troops had “initiated unprovoked firing” in the sector.\n",
                 {("Inter-Services Information Directorate", "Dhanvar troops")}, id="source-in-apposition-with-an-acronym"),
    pytest.param("The minister has blamed the power cuts that have hit homes across the country for three weeks on "
                 "contracts signed by the previous Lomara People's Congress administration.\n",
                 {("minister", "Lomara People's Congress")}, id="blamed-a-long-act-on-what-y-signed"),
    pytest.param("Yaw Boateng said he blamed part of the shortfall on vandals who damaged the pipeline.\n",
                 {("Yaw Boateng", "vandals")}, id="blamed-on-vandals"),
    pytest.param("The Energy Minister, Kwame Atobrah, said the contracts were bad.\n\nIn a statement, the Minority "
                 "said the Minister had run out of excuses and accused him of mismanaging the sector.\n",
                 {("Minority", "Kwame Atobrah")}, id="accused-him-an-unregistered-person-named-before"),
    pytest.param("Researchers at Greyfinch attributed the intrusion to a group they track as \"Ashen Heron\".\n",
                 {("Researchers at Greyfinch", "Ashen Heron")}, id="a-group-tracked-as-a-quoted-name"),
    pytest.param("“Ashen Heron did it, I have no doubt about that,” Hanne Brask said.\n",
                 {("Hanne Brask", "Ashen Heron")}, id="y-did-it"),
    pytest.param("The regulator's chair, Hendrik Voss, said the airline is at fault.\n",
                 {("Hendrik Voss", "airline")}, id="y-is-at-fault"),
    pytest.param("Dario Pellegrini has accused the cloud giant Vantor of copying his product.\n",
                 {("Dario Pellegrini", "Vantor")}, id="a-description-before-a-company-name"),
    pytest.param("Pellucid has told staff that the bug was caused by a faulty update from its supplier, Sorrel "
                 "Financial Technologies, according to a memo.\n",
                 {("Pellucid", "Sorrel Financial Technologies")}, id="caused-by-a-thing-from-a-named-supplier"),
    pytest.param("Bright Arc Live said the surge was caused by \"a small number of individuals\" who shoved.\n",
                 {("Bright Arc Live", "small number of individuals")}, id="caused-by-a-quoted-number-of-people"),
    pytest.param("The city's fire chief blamed the promoter Bright Arc Live for the crush.\n\nFire Chief Andre "
                 "Whitfield said the lawn was full.\n", {("Andre Whitfield", "Bright Arc Live")},
                 id="the-city-s-fire-chief-named-after"),
    pytest.param("“The agency let us down,” said Mr Ollerenshaw.\n", {("Ollerenshaw", "agency")},
                 id="a-body-named-by-its-role-did-a-wrong"),
    pytest.param("The minister said the company failed to protect its workers.\n", {("minister", "company")},
                 id="the-company-failed-to"),
    pytest.param("The panel found that Brannick had lied to investigators.\n\nTom Brannick plays for Harwell.\n",
                 {("panel", "Tom Brannick")}, id="found-that-y-lied"),
    pytest.param("Ostravian officials have said the drones are supplied by Kethmar.\n",
                 {("Ostravian officials", "Kethmar")}, id="supplied-by-y"),
    pytest.param("Two security officials said the killing bears the fingerprints of the Jabal Brigades.\n",
                 {("Two security officials", "Jabal Brigades")}, id="the-fingerprints-of-y"),
    pytest.param("According to the union, the dispute was caused by DSR's decision to cancel the agreement.\n",
                 {("union", "DSR")}, id="caused-by-y-s-decision"),
    pytest.param("Rima Sawalhi blamed the government for the deaths, saying it had ignored repeated warnings.\n\n"
                 "The Black Ridge Brigade fired the rockets, the army said.\n",
                 {("Rima Sawalhi", "government"), ("army", "Black Ridge Brigade")},
                 id="it-after-a-blame-is-the-party-blamed"),
    pytest.param("Cllr Bhamra said the council's cabinet had “signed off a cheap design to save money”.\n",
                 {("Cllr Bhamra", "council's cabinet")}, id="a-motive-makes-an-act-a-wrong"),
    pytest.param("Critics say the transport board deserves a share of the blame.\n",
                 {("Critics", "transport board")}, id="deserves-a-share-of-the-blame"),
    pytest.param("Dacombe said the trust's board had given his department ‘false assurances at every turn’.\n",
                 {("Dacombe", "trust's board")}, id="false-assurances"),
    pytest.param("The MRD placed the responsibility on the minister himself.\n", {("MRD", "minister")},
                 id="placed-the-responsibility-on"),
    pytest.param("The driver, a 58-year-old man, was cited for failure to maintain lane, deputies said.\n",
                 {("deputies", "driver")}, id="was-cited-for-in-a-claim"),
    pytest.param("Police charged Dale Ritter with armed robbery.\n", {("Police", "Dale Ritter")},
                 id="charged-y-with"),
    pytest.param("The security minister said the violence “was planned” by members of La Banda del Andén.\n",
                 {("security minister", "members of La Banda del Andén")}, id="quoted-planned-by"),
    pytest.param("Quispe said the police “fired tear gas at women and children”.\n", {("Quispe", "police")},
                 id="the-police-fired"),
    pytest.param("The institute said its inquiry had found “research misconduct by one individual”.\n",
                 {("institute", "one individual")}, id="misconduct-by-y"),
    pytest.param("Dwayne Ritter, 34, was arrested.\n\nPolice said he hit a gas station clerk with a tire iron.\n",
                 {("Police", "Dwayne Ritter")}, id="he-hit-someone"),
    pytest.param("The owner of the tanker that spilled an estimated 1,200 tonnes of fuel oil into the Saltmere estuary this "
                 "week has blamed the harbour pilot who was guiding the ship.\n",
                 {("owner of the tanker", "harbour pilot")}, id="a-quantity-in-a-relative-clause-is-no-accuser"),
    pytest.param("Lyle Penhaligon wrote to the company's board last week accusing the directors of destroying value.\n",
                 {("Lyle Penhaligon", "directors")}, id="wrote-to-a-board-accusing"),
    pytest.param("The minister said the attacks were “organised, financed and directed from Drevnia”.\n",
                 {("minister", "Drevnia")}, id="directed-from-y"),
    pytest.param("“Kostan's people have blood on their hands,” the minister said.\n",
                 {("minister", "Kostan's people")}, id="blood-on-their-hands"),
    pytest.param("Police have identified the bomber as Yaro Kessim, a 29-year-old mechanic.\n",
                 {("Police", "Yaro Kessim")}, id="identified-the-bomber-as"),
    pytest.param("Petersohn said Veskagaz was “holding back gas to push up prices”.\n",
                 {("Petersohn", "Veskagaz")}, id="to-push-up-prices"),
    pytest.param("Civic Dawn says the security services staged the attack.\n",
                 {("Civic Dawn", "security services")}, id="the-security-services-staged-the-attack"),
    pytest.param("The operator has instead blamed the weather and the coastguard.\n", {("operator", "coastguard")},
                 id="blamed-no-party-and-a-party"),
    pytest.param("The pilots' union laid the blame on the airline's schedules.\n", {("pilots' union", "airline")},
                 id="the-blame-on-a-party-s-thing"),
    pytest.param("The deputy minister said the national transport ministry is blaming the operator.\n",
                 {("national transport ministry", "operator")}, id="is-blaming-is-active"),
    pytest.param("Survivors accuse crew of abandoning passengers\n\nThe ferry sank on Tuesday.\n",
                 {("Survivors", "crew")}, id="accuse-crew-of"),
    pytest.param("The spokesman said the violence had been started by “around two hundred masked individuals”.\n",
                 {("spokesman", "around two hundred masked individuals")}, id="masked-individuals"),
    pytest.param("Brennick said the ministry had “torn up” a pay agreement signed in 2024.\n",
                 {("Brennick", "ministry")}, id="torn-up-an-agreement"),
    pytest.param("Army officials said Gurdhari troops violated the ceasefire overnight.\n",
                 {("Army officials", "Gurdhari troops")}, id="a-force-violated-the-ceasefire"),
]

NOT_BLAME = [
    pytest.param("Kataib Hezbollah denied responsibility for the rocket attack.\n", id="denial-of-responsibility"),
    pytest.param("Tehran rejected the accusations made by Washington.\n", id="rejecting-accusations"),
    pytest.param("The Iraqi government did not blame Iran-backed militias for the attack.\n", id="negated-blame"),
    pytest.param("Did Iran-backed militias fire the rockets at the embassy?\n", id="question"),
    pytest.param("US officials said that if Iran-backed militias fired the rockets, there would be a response.\n",
                 id="conditional"),
    pytest.param("The Iraqi Joint Operations Command called the attack a “shameful terrorist crime.”\n",
                 id="condemned-act-without-perpetrator"),
    pytest.param("Mike Pompeo condemned the attack in a statement on Sunday.\n", id="x-condemned-the-attack"),
    pytest.param("Iraqi officials said the embassy had been attacked by rockets overnight.\n", id="target-is-not-accused"),
    pytest.param("The ambassadors urged the government to bring those involved to justice.\n", id="call-for-justice"),
    pytest.param("The embassy said the government must hold those responsible accountable.\n", id="demand-for-accountability"),
    pytest.param("A spokesman said the group was not behind the attack.\n", id="negated-predicate"),
    pytest.param("The governor's aides blamed the flooding on years of underinvestment.\n", id="blamed-the-act-on-no-one"),
    pytest.param("The airline blamed air traffic control staff shortages for the disruption.\n", id="blamed-a-cause-not-a-party"),
    pytest.param("The minister criticised the plan as too expensive.\n", id="criticism-without-for"),
    pytest.param("Niall Mullane spoke after the match.\n\nMullane accused him of lying.\n", id="no-one-blames-himself"),
    pytest.param("Storm\n\nOfficials said fourteen people were hurt. “Fourteen cut corners,” he said.\n",
                 id="a-sentence-opening-word-is-no-name"),
    pytest.param("Officials said the government would stop the attacks and protect the embassy.\n",
                 id="party-stopping-attacks-is-not-their-doer"),
    pytest.param("Officials said the fire was started by a faulty cable.\n", id="started-by-a-thing"),
    pytest.param("The flooding was blamed on years of underinvestment.\n", id="act-was-blamed-on-a-cause"),
    pytest.param("The town of Wadi Sirr has been held by the Eastern Front since 2021.\n",
                 id="held-by-is-not-held-responsible"),
    pytest.param("At least three explosive-laden drones hit the terminal, according to the oil company.\n",
                 id="weapons-after-a-capitalised-quantity-are-no-party"),
    pytest.param("The company attributed the decline to weaker demand.\n", id="attributed-to-a-cause-not-a-party"),
    pytest.param("The newspaper printed remarks attributed to the minister.\n", id="words-attributed-to-a-speaker"),
    pytest.param("The senator said the council is responsible for maintaining the bridge.\n",
                 id="responsible-for-a-duty-is-no-fault"),
    pytest.param("The mayor said the drivers were not to blame.\n", id="role-noun-not-to-blame"),
    pytest.param("Ministers and opposition trade blame as the project is scrapped\n\nIt cost £2bn.\n",
                 id="trade-blame-is-a-noun"),
    pytest.param("The union and the operator each pointed the finger at the other.\n", id="at-each-other"),
    pytest.param("“I blame whoever decided that sixty residents could be looked after by four carers,” she said.\n",
                 id="blame-whoever-decided"),
    pytest.param("QASRIN: Explosive-laden drones struck the oil field late on Wednesday, the Ministry of Oil said.\n",
                 id="a-dateline-and-a-sentence-opening-capital-name-no-one"),
    pytest.param("“The army launched an operation,” the spokesman said.\n", id="a-body-s-act-that-is-no-wrong"),
    pytest.param("The spokesman said the two soldiers killed were a sergeant and a conscript.\n",
                 id="soldiers-killed-were"),
    pytest.param("“A fire in one room should not blind a hospital,” she said.\n", id="a-one-letter-word-is-no-name"),
    pytest.param("Mustafa Hamid, the commander in charge of the operation, ordered the search.\n",
                 id="in-charge-of"),
    pytest.param("Officials said explosive-laden drones struck the oil field.\n", id="drones-are-no-party"),
    pytest.param("Dwayne Ritter was charged Monday with first-degree robbery.\n", id="no-object-after-a-passive"),
    pytest.param("“We will not let one of our people be made a scapegoat for another company's failings,” he said.\n",
                 id="another-company-s-failings"),
    pytest.param("Marchetti said any company that cut corners would be held to account.\n", id="any-company-that"),
    pytest.param("One of the officials said guards had been taken hostage within minutes.\n", id="taken-hostage"),
    pytest.param("“The company did everything it could to save lives,” she said.\n", id="to-save-lives-is-no-motive"),
    pytest.param("Organisers staged a protest outside the ministry, police said.\n", id="staged-a-protest"),
    pytest.param("Fairholme said the company had “investigated every fault report” it received.\n",
                 id="every-fault-report"),
    pytest.param("“Both organisations failed him,” his grandmother said.\n", id="both-organisations"),
    pytest.param("“I'm not going to stand here and blame people who are doing two jobs each,” Grant said.\n",
                 id="not-going-to-blame"),
    pytest.param("“It was not the company's fault,” he said.\n", id="not-the-company-s-fault"),
    pytest.param("She said the decision lies with the court.\n", id="a-decision-lies-with-a-court"),
    pytest.param("The union blamed the weather and said the council had done its best.\n",
                 id="blamed-a-cause-and-said-something-else"),
    pytest.param("The minister criticised the plan over its cost.\n", id="criticism-of-a-plan-over-its-cost"),
]


@pytest.mark.parametrize("article, expected", BLAME_CASES)
def test_blames(registry, article, expected):
    assert blames_of(attrib.analyze_text(article, registry)) == expected


@pytest.mark.parametrize("article", NOT_BLAME)
def test_not_blames(registry, article):
    assert blames_of(attrib.analyze_text(article, registry)) == set()


def test_reported_blame_points_at_its_claim_and_outlet_blame_at_none(registry):
    article = ("U.S. officials blame Iran-backed militias for the rocket attacks.\n\n"
               "A US spokesperson said the attacks were initiated by Iran-aligned militias.\n")
    analysis = attrib.analyze_text(article, registry)
    by_rule = {b.rule: b for b in analysis.blames}
    assert by_rule["blame-verb"].claim is None
    claim = analysis.claims[by_rule["claim-by-agent"].claim]
    assert article[claim.start:claim.end] == "the attacks were initiated by Iran-aligned militias"


def test_evidence_and_mentions_are_offsets_into_the_article(registry):
    article = "Washington accuses armed Iraqi factions linked with Iran of carrying out the attacks.\n"
    record = attrib.analysis_record(attrib.analyze_text(article, registry))
    [blame] = record["blames"]
    assert article[blame["start"]:blame["end"]] == blame["evidence"]
    assert article[blame["accused_mention_start"]:blame["accused_mention_end"]] == blame["accused_mention"] \
        == "armed Iraqi factions linked with Iran"
    assert blame["accused_id"] == "iran-backed-militias"


def test_unnamed_perpetrators_and_named_militias_are_told_apart(registry):
    article = ("Iraqi security officials said outlaws fired the rockets.\n\n"
               "US officials blame Iran-backed militias for the attack.\n")
    assert blames_of(attrib.analyze_text(article, registry)) == {
        ("Iraqi security officials", UNNAMED), (US, MILITIAS)}


def test_hedged_blame_has_lower_confidence(registry):
    hedged = attrib.analyze_text(
        "A US spokesperson said, “indications are the attacks were initiated by Iran-aligned militias.”\n", registry)
    plain = attrib.analyze_text("A US spokesperson said the attacks were initiated by Iran-aligned militias.\n", registry)
    [h], [p] = hedged.blames, plain.blames
    assert h.hedge == "indications are"
    assert 0 < h.confidence < p.confidence <= 1


def test_user_can_add_a_blame_verb(small_rules):
    cues = (small_rules / "cues.yaml").read_text(encoding="utf-8")
    user = small_rules.parent / "user-rules"
    user.mkdir()
    (user / "cues.yaml").write_text("blame:\n  verbs:\n    - forms: [lambaste, lambastes, lambasted]\n"
                                    "      until: [for]\n", encoding="utf-8")
    registry = attrib.load_rules([small_rules, user], defaults=False)
    analysis = attrib.analyze_text("Washington lambasted Tehran for the rocket attack.\n", registry)
    assert blames_of(analysis) == {(US, "Iran")}
    assert (small_rules / "cues.yaml").read_text(encoding="utf-8") == cues


@pytest.mark.skipif(not DEV.exists(), reason="the development set (../shared) is not beside the project")
def test_dev_article_hedged_blame_is_less_sure_than_plain_blame(registry):
    """Issue acceptance: "indications are ..." scores below "U.S. officials blame Iran-backed militia"."""
    def blame_with(article: str, words: str) -> float:
        analysis = attrib.load_article(DEV / "articles" / article, registry=registry)
        found = [b for b in attrib.analyze(analysis, registry).blames if words in analysis.text[b.start:b.end]]
        assert found, words
        return max(b.confidence for b in found)

    hedged = blame_with("003_6c7952bdb5b4e857.txt", "indications are the attacks were initiated by Iran-aligned militias")
    plain = blame_with("004_7d391434757df658.txt", "U.S. officials blame Iran-backed militia")
    assert hedged < plain


def test_a_description_before_an_acronym_is_no_part_of_the_accused_name(registry):
    analysis = attrib.analyze_text("Police blamed the banned LeQ for the attack on the market.\n", registry)
    assert [b.accused.name for b in analysis.blames] == ["LeQ"]
