"""Prose for synthetic engagements: the phrase banks (pure word lists; the writer of notes
that draws on them is onsite.synth.prose).

The banks are written the way peers write on site: terse bullets, fragments, quotes in the
speaker's words, questions to test later, numbers from the data packs. Sentences are
assembled from slots with many fillers each, over a vocabulary of a few thousand words, so
that full-text search and compression behave roughly as they do on real notes. Only the
standard library is used; every choice comes from the Random passed in (deterministic).
"""

from __future__ import annotations


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


THEMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("vision", "Shared vision and strategy", ("strategy",)),
    ("leadership", "System leadership and relationships", ("relationships", "leaders")),
    ("governance", "Governance and decision making", ("decisions",)),
    ("integration", "Integration and care pathways", ("discharge", "pathways")),
    ("prevention", "Prevention and health inequalities", ("inequalities", "public-health")),
    ("workforce", "Workforce", ("staff", "people")),
    ("finance", "Finance and resources", ("money", "resources")),
    ("improvement", "Capacity for improvement", ("improvement", "capacity")),
)

# What people talk about, per line of enquiry: noun phrases that slot into sentences.
TOPICS: dict[str, tuple[str, ...]] = {
    "vision": _lines("""
        the joint health and wellbeing strategy
        the integrated care strategy
        the joint forward plan
        a shared ambition for the place
        the five-year system plan
        the "one public service" narrative
        priorities agreed at the health and wellbeing board
        the outcomes framework
        the place-based partnership's plan on a page
        the vision for neighbourhood working
        the strategy refresh due in the autumn
        alignment between the council plan and the ICB plan
        the story the system tells about itself
        the ambition to shift care closer to home
        the commitment to reducing inequalities by 2030
        a common set of system priorities
        the long-term plan for community services
        the population health management ambition
        the children and young people's strategy
        the carers strategy
        the local plan for housing and health
        the anchor institution pledge
        the digital strategy and the shared care record
        the case for change published last year
        the mission statement nobody can quite recite
        the health and care compact
        the strategic commissioning intentions
        the place narrative for Northfold
        the system's three big bets
        the 10-year vision for the coastal towns
    """),
    "leadership": _lines("""
        relationships between the chief executives
        the chair of the ICB and the council leader
        trust between the acute trust and the council
        the place director role
        leadership visibility on the wards
        the way system leaders disagree in public
        the new ICB executive team
        turnover in senior posts
        the relationship with the mental health trust
        the provider collaborative
        the district councils' voice in the system
        elected members' understanding of the NHS
        the willingness to share risk
        the culture of "done to" rather than "done with"
        political leadership and cross-party support
        the relationship with primary care networks
        clinical leadership across the pathway
        the role of the VCSE alliance at the top table
        the monthly system leaders' away day
        the director of public health's influence
        distributed leadership in the neighbourhood teams
        how the system handles conflict
        the legacy of the old CCG boundaries
        the interim arrangements in the ICB
        leaders modelling the behaviours they ask for
        the relationship with the regional NHS England team
        the cabinet member for adult social care
        leaders' grip on winter pressures
        the LGA's last corporate peer challenge
        the openness of the executive team to challenge
    """),
    "governance": _lines("""
        the ICP terms of reference
        the scheme of delegation
        the section 75 agreement
        decision rights at place
        the health and wellbeing board's role
        the overview and scrutiny committee
        the committee structure in the ICB
        duplication of meetings across the system
        the risk register and who owns it
        the system quality group
        the joint committee with the neighbouring ICB
        the assurance framework
        the performance report to the board
        how decisions are recorded and followed up
        the delegated primary care commissioning
        the pooled budget governance
        the programme boards under the ICP
        the escalation route for operational pressures
        information governance for shared records
        the data sharing agreement
        the unitary council's cabinet process
        the audit committee's view of system risk
        governance that slows things down
        the number of boards people attend each week
        the accountability of the place-based partnership
        the joint commissioning board
        minutes that record discussion but not decisions
        the freedom to act without asking permission
        the CQC local authority assessment preparation
        the ICB board's public meetings
    """),
    "integration": _lines("""
        hospital discharge
        the discharge to assess model
        pathway 1 reablement capacity
        pathway 3 placements in care homes
        patients with no criteria to reside
        the transfer of care hub
        the single point of access
        the integrated neighbourhood teams
        domiciliary care hand-backs
        the intermediate care beds
        virtual wards
        the urgent community response
        the frailty pathway
        the falls service
        ambulance handover delays
        the same-day emergency care unit
        the mental health crisis pathway
        section 117 aftercare
        continuing healthcare assessments
        the trusted assessor scheme
        the home first ethos
        the bridging service
        the hospice at home service
        care home support from primary care
        the children's continuing care pathway
        the learning disability and autism pathway
        step-up beds in the community
        the shared care record
        the social prescribing link workers
        the weekend discharge team
    """),
    "prevention": _lines("""
        the gap in healthy life expectancy
        deprivation in the coastal wards
        the Core20PLUS5 approach
        smoking in pregnancy
        childhood obesity
        the health inequalities fund
        the public health grant
        social isolation among older people
        damp and mould in private rentals
        alcohol-related admissions
        the NHS health checks programme
        uptake of childhood immunisations
        the cost-of-living response
        the community champions
        the family hubs
        suicide prevention
        the population health dashboard
        the Marmot place commitment
        the travelling communities' access to GPs
        fuel poverty
        the warm spaces programme
        hypertension case-finding
        the digital exclusion work
        the inclusion health team
        mental health in schools
        physical activity in the least active wards
        drug and alcohol treatment services
        homelessness and hospital discharge
        the JSNA and how it is used
        the proportionate universalism principle
    """),
    "workforce": _lines("""
        recruitment to domiciliary care
        retention of newly qualified nurses
        international recruitment
        vacancy rates in adult social care
        agency spend
        the one workforce plan
        the care worker pay premium
        the rotational posts across health and social care
        occupational therapists in short supply
        GP recruitment in the rural practices
        the apprenticeship levy
        staff burnout after winter
        the health and care academy
        the sickness absence figures
        the social work caseloads
        the freedom to speak up guardians
        the staff survey results
        workforce planning across sectors
        the ageing workforce in community nursing
        the shortage of approved mental health professionals
        the career pathway for care workers
        the nursing associate programme
        the training hub
        the bank staff model
        the reliance on locum consultants
        the housing offer for key workers
        the equality, diversity and inclusion work
        the leadership development programme
        the culture on the medical wards
        the volunteers in the hospital
    """),
    "finance": _lines("""
        the system deficit
        the Better Care Fund
        the pooled budget
        the cost improvement programme
        the council's medium term financial strategy
        the market sustainability plan
        the fee uplift for care providers
        the discharge fund
        the financial recovery plan
        the capital programme
        spend on out-of-area placements
        the adult social care precept
        the underspend in community services
        the risk share agreement
        the recurrent gap in the budget
        the cost of agency nurses
        the section 114 risk in the district
        the investment in prevention
        the funding for the VCSE sector
        the elective recovery fund
        the budget setting timetable
        the savings plan for next year
        the financial framework for place
        value for money in continuing healthcare
        the overspend on placements for children
        the dowry for the new services
        the reserves position
        the productivity programme
        the estate rationalisation
        the contract with the independent sector
    """),
    "improvement": _lines("""
        the quality improvement methodology
        the programme management office
        the transformation team
        the use of data to drive improvement
        learning from the last CQC inspection
        the improvement board
        the capacity of the analytics team
        the business intelligence function
        the evaluation of the pilots
        scaling up what works
        the lessons from the pandemic response
        the improvement academy
        the innovation fund
        the digital maturity of providers
        the rollout of the electronic patient record
        the appetite for change
        the number of initiatives running at once
        the outcomes of the last peer challenge
        the benefits tracker
        the improvement plan for children's services
        the continuous improvement culture
        the GIRFT recommendations
        the change fatigue among staff
        the transformation funding ending in March
        the use of peer review
        the link with the university
        the coproduction with people who use services
        the lived experience panel
        the pace of delivery
        the way good practice spreads
    """),
}

# Who said or did something; "+" marks a plural subject (it takes "were", not "was").
SUBJECTS_MARKED = _lines("""
    the ICB
    +ICB colleagues
    the council
    +council officers
    the acute trust
    the mental health trust
    the community trust
    the ambulance service
    +GP partners
    +the PCN clinical directors
    the VCSE alliance
    +voluntary sector partners
    +care home managers
    +domiciliary care providers
    +ward managers
    +discharge coordinators
    +social workers
    the DASS
    the director of public health
    the chief executive
    the leader
    +elected members
    the cabinet member
    +front-line staff
    +consultants
    +the finance directors
    the place director
    Healthwatch
    +carers
    +people who use services
    the housing team
    +the district councils
    the hospice
    +the police
    the provider collaborative
    the ICB chair
    +the non-executive directors
    the medical director
    the chief nurse
    the integrated neighbourhood team
    the transfer of care hub
    +therapists
    the reablement team
    the public health team
    the BI team
    +middle managers
    +the system leaders
    +the unions
    +students
    the university
    +matrons
    +housing officers
    the Healthwatch chair
    +paramedics
    +practice managers
    the scrutiny chair
    +community nurses
    +the care workers we met
    +OTs
    the safeguarding lead
""")
SUBJECTS = tuple(s.lstrip("+") for s in SUBJECTS_MARKED)
PLURAL = frozenset(s[1:] for s in SUBJECTS_MARKED if s.startswith("+"))

# "plural|singular" where the verb agrees with its subject.
PREDICATES = _lines("""
    described
    were|was candid about
    were|was positive about
    were|was frustrated by
    pushed back on
    could not evidence
    spoke warmly of
    were|was sceptical about
    raised concerns about
    gave examples of
    are|is proud of
    are|is unclear about
    talked at length about
    did not mention
    kept coming back to
    were|was defensive about
    see|sees real progress on
    are|is worried about
    acknowledged problems with
    are|is exhausted by
    want|wants more say in
    feel|feels excluded from
    credited the ICB with
    blamed the council for
    blamed the acute trust for
    are|is energised by
    were|was vague on
    had not heard of
    were|was confused about
    are|is waiting for
    questioned the value of
    asked us to look at
    have|has invested in
    are|is rethinking
    feel|feels let down over
    are|is quietly confident about
    were|was dismissive of
    are|is vocal about
    joked about
    were|was guarded about
    championed
    could not describe
    offered to share data on
    were|was impatient with
    praised
    wanted clarity on
    were|was surprisingly upbeat about
    mentioned in passing
    were|was clear about the limits of
    linked everything back to
""")

QUALIFIERS = _lines("""
    frankly
    at some length
    apparently for the first time
    while apologising for the state of the data
    after a long pause
    and then contradicted themselves
    which matched the survey
    which did not match the position statement
    though nobody had told the front line
    and wanted us to say so in the feedback
    according to the finance team
    in nearly every conversation today
    as a source of pride
    as a source of real tension
    in the context of the cost-of-living crisis
    more openly than the executive team
    only when the chief executive had left the room
    for the third time this week
    with a detailed timeline
    in terms we had not heard before
    since the winter
    over the last two years
    but only in the north of the patch
    especially at weekends
    but not in the coastal towns
    since the restructure
    in the last quarter
    though the data says otherwise
    more than we expected
    less than the position statement suggests
    across every sector we met
    mostly at senior level
    but not below director level
    when pressed
    without prompting
    with some emotion
    as a long-standing issue
    as "the elephant in the room"
    compared with the neighbouring system
    since the new chief executive arrived
    before the ICB was formed
    in both focus groups
    as the top risk
    as a recent improvement
    even though nobody owns it
    to a greater degree than the acute trust
    with a clear example
    with figures to hand
    but could not say who decides
    every time it came up
""")

QUOTES = _lines("""
    The hospital discharges at four o'clock on a Friday and wonders why it goes wrong
    My team are firefighting, there's no time to think
    We've had four directors in three years
    The councillors ask good questions, they just never get answers
    I found out about the new model from a leaflet in reception
    Patients tell their story six times to six different people
    We've got brilliant people stuck in rubbish processes
    The rurality kills us: an hour's drive between calls
    The private providers hold all the cards
    There's no point training them if they leave for the supermarket
    I've never once been asked what would help
    Our Polish and Romanian carers keep this service going
    The board talks about culture, the wards live it
    We're drowning in assurance and starving of improvement
    The neighbourhood team meeting is the only place we all sit down together
    Leaders turn up for the photo, not the follow-through
    Trust is built in the car park, not the boardroom
    Everyone wants data, nobody wants to pay analysts
    The pandemic showed what we can do when rules get out of the way
    It's a good place to work if you know who to ask
    I'd stay if I could afford the rent
    We're measured on beds, not on people getting home
    The VCSE bid writes itself, the grant never arrives on time
    Commissioners don't visit, they email
    You never hear about the hundred discharges that went well
    We had a plan for winter; winter had other ideas
    Residents don't care whose logo is on the van
    Integration happens despite the structures, not because of them
    We've been consulted to death
    Give us three-year funding and we'll show you prevention
    The GP practices feel like an afterthought
    The dashboards are lovely; the queue in the corridor is real
    If we stopped the pilots we'd have time to do the job
    We're proud of this place, that's why we're frustrated
    No one joins up the dots for the families
    Housing is a health issue, but nobody funds it like one
    I'd give the relationships eight out of ten, the delivery five
    The chief execs get on; their teams don't know that
    We know what good looks like, we just can't afford it
    The ICB asks for the same return three times in different formats

    We're good at writing plans, less good at doing them
    Nobody owns the front door
    It depends which day you ask
    The relationships are there at the top, not in the middle
    We spend more time in meetings about integration than integrating
    I've been here eleven years and this is the best it's been
    The money always follows the hospital
    We find out about decisions in the local paper
    If you want something done you ring Jo, not the board
    Discharge is everyone's problem and no one's job
    Our carers are paid less than the supermarket pays
    We've stopped asking because nothing changes
    The council gets it, the trust is catching up
    People here are tired, not cynical
    We've got a strategy for everything and a plan for nothing
    Winter never ended this year
    We can't recruit, we can't retain, and we can't afford agency
    The VCSE is treated as a provider, not a partner
    It works because of goodwill, and goodwill runs out
    We don't have a shared version of the truth
    Honestly the data is three months old by the time we see it
    The neighbourhood teams are the best thing we've done
    The ICB is still finding its feet
    There's no forum where we can disagree safely
    Members don't understand the NHS and the NHS doesn't understand members
    We keep piloting and never scaling
    Half my job is chasing beds
    The families are the ones holding this together
    We trust each other more since the pandemic
    The board papers are five hundred pages long
    Prevention is always next year's priority
    You can't fix discharge in the hospital
    We know our communities better than any dashboard does
    Nobody asked the care homes
    The system is a collection of organisations with a logo
    It's the same ten people in every room
    The staff survey tells you everything
    Frankly the section 75 is out of date
    We were told it was a partnership, then told what to do
    Our patch is rural, the plans are written for the city
    We got the funding in February and had to spend it by March
    Nobody reads the JSNA
    The reablement team is brilliant but there aren't enough of them
    I'd like to see leaders on the wards more often
    The place director is the glue
    We need permission to stop doing things
    It feels like the council carries the risk
    Primary care is the bit nobody talks about
    Our data sharing works, our culture sharing doesn't
    Every winter we reinvent the same fixes
""")

# Concrete things people mention in passing: the long tail of a real note's vocabulary.
ITEMS = tuple(
    " ".join(item.split())
    for item in """
    parking, mileage rates, lone working, laptop logins, patchy Wi-Fi, phone lines, handover sheets,
    pressure ulcers, medication errors, falls at night, catheter care, patient transport, pharmacy
    delays, TTOs, hoists, key safes, spot purchasing, block contracts, brokerage, framework
    providers, rota gaps, night shifts, weekend cover, bank holidays, school holidays, fuel costs,
    electric vehicles, rural roads, bus routes, ferry timetables, hospital car park, canteen closing,
    uniform policy, DBS checks, induction, mandatory training, e-learning, appraisals, supervision,
    reflective practice, clinical supervision, preceptorship, mentoring, shadowing, secondments,
    job descriptions, pay bands, agenda for change, national living wage, zero-hours contracts,
    travel time, unpaid breaks, sleep-ins, double-handed calls, 15-minute calls, call monitoring,
    electronic rostering, care planning software, paper records, fax machines, spreadsheets,
    WhatsApp groups, email chains, Teams fatigue, hybrid working, hot desks, office moves,
    estates backlog, leaking roofs, heating failures, lifts out of order, bariatric equipment,
    community equipment store, wheelchair services, continence supplies, district nursing visits,
    wound care, insulin visits, end of life care, DNACPR forms, ReSPECT forms, advance care plans,
    lasting power of attorney, deprivation of liberty safeguards, best interest meetings, mental
    capacity assessments, safeguarding referrals, domestic abuse, modern slavery, county lines,
    exploitation, school exclusions, SEND waiting lists, EHCP delays, CAMHS thresholds, eating
    disorders, self-harm, loneliness, bereavement, dementia diagnosis rates, memory clinics,
    stroke rehabilitation, cardiac rehab, pulmonary rehab, diabetes foot checks, COPD, asthma,
    hypertension, atrial fibrillation, cancer screening, bowel screening, cervical screening,
    flu jabs, COVID boosters, measles outbreak, TB screening, sexual health clinics, dental
    access, NHS dentistry deserts, optometry, audiology, podiatry, dietetics, speech and language
    therapy, physiotherapy waits, orthopaedic waits, cataract lists, day surgery, theatre
    utilisation, outpatient follow-ups, advice and guidance, referral management, choose and
    book, 111 online, out-of-hours GP, walk-in centre, minor injuries unit, urgent treatment
    centre, GP streaming, frequent attenders, high intensity users, corridor care, boarding on
    wards, escalation beds, OPEL 4, critical incidents, bed meetings, board rounds, criteria-led
    discharge, estimated discharge dates, red and green days, SAFER bundle, long-stay reviews,
    perfect week, MADE events, discharge lounge, transport booking, medicines to take home,
    care home trusted assessment, care home admissions at weekends, care home staff turnover,
    nursing home fees, self-funders, top-up fees, deferred payments, financial assessments,
    charging policy, direct payments, personal assistants, personal health budgets, carers
    breaks, respite beds, day centres, shared lives, supported living, extra care housing,
    sheltered housing, adaptations, disabled facilities grants, handyperson service, telecare,
    assistive technology, falls pendants, remote monitoring, digital inclusion, broadband
    blackspots, interpreters, British Sign Language, easy read, accessible information,
    Gypsy, Roma and Traveller communities, asylum seekers, refugees, veterans, prison leavers,
    rough sleepers, sofa surfing, temporary accommodation, private landlords, selective
    licensing, damp surveys, food banks, holiday hunger, free school meals, baby banks, warm
    hubs, debt advice, Citizens Advice, credit unions, employment support, Job Centre,
    apprenticeships, T levels, sixth form college, further education, university placements,
    student nurses, international nurses, OSCE training, pastoral support, housing for overseas
    staff, visa sponsorship, care certificate, registered manager vacancies, CQC ratings,
    inspection reports, whistleblowing, freedom to speak up, grievances, tribunals, unions,
    industrial action, resident doctors, consultant contracts, job planning, waiting list
    initiatives, insourcing, outsourcing, private providers, independent sector capacity,
    community diagnostic centres, MRI scanners, pathology network, imaging backlogs, digital
    pathology, electronic prescribing, patient portal, NHS App, shared care record access, data
    warehouse, Power BI, dashboards nobody opens, KPIs, SPC charts, run charts, benchmarking,
    Model Hospital, GIRFT visits, deep dives, audits, serious incidents, PSIRF, never events,
    coroner's reports, complaints, compliments, MP letters, local press, social media,
    councillors' casework, ward surgeries, parish councils, town councils, faith groups,
    mosques, gurdwaras, churches, community centres, sports clubs, allotments, park runs,
    walking groups, men's sheds, lunch clubs, befriending, good neighbour schemes, time banks,
    seasonal workers, caravan parks, tourism peaks, second homes, coastal erosion, flooding,
    landslips, gritting routes, snow days, heatwave plans, air quality, traffic congestion,
    park and ride, cycle lanes, community transport, volunteer drivers, taxi vouchers, hospital
    shuttle bus, pharmacy closures, post office closures, bank branch closures, village halls,
    libraries, leisure centres, swimming pools, playgrounds, youth clubs, scout huts, pubs,
    takeaways near schools, vape shops, betting shops, payday lenders, pawnbrokers, charity
    shops, markets, high street vacancies, regeneration funding, levelling up bids, town deals,
    freeports, enterprise zones, new housing estates, section 106 money, developer
    contributions, planning applications, health impact assessments, local plan consultation,
    green spaces, tree planting, allotment waiting lists, litter picking, fly-tipping,
    antisocial behaviour, knife crime, neighbourhood policing, PCSOs, street triage, custody
    suites, probation, youth offending, troubled families, early help, health visitors,
    school nurses, midwifery continuity, breastfeeding rates, perinatal mental health,
    postnatal depression, teenage pregnancy, looked-after children, care leavers, kinship
    carers, foster carers, adoption panels, special guardianship, unaccompanied children,
    residential children's homes, Ofsted judgements, SEND tribunals, autism assessments, ADHD
    waits, learning disability health checks, STOMP, transforming care, inpatient units,
    restraint, seclusion, section 136 suites, places of safety, crisis cafés, safe havens,
    recovery colleges, peer support workers, IPS employment, talking therapies, psychological
    wellbeing practitioners, community mental health framework, core team, care coordinators,
    clozapine clinics, depot injections, physical health checks for SMI, smoking cessation,
    weight management, tier 3 services, bariatric surgery, type 2 diabetes remission, low
    calorie diets, social prescribing, green prescriptions, arts on prescription, museum
    volunteers, choirs, knitting groups, chair-based exercise, tai chi, strength and balance
    classes, postural stability, bone health, fracture liaison, hip fractures, delirium,
    hydration, nutrition, malnutrition screening, meals on wheels, frozen meals, shopping
    services, pendant alarms, carers' emergency plans, carers' cards, young carers, sibling
    support, parent carer forums, advocacy, Care Act advocates, IMHAs, IMCAs, complaints
    advocacy, ombudsman findings, legal challenges, judicial review, procurement rules,
    provider selection regime, contract variations, tender timetables, market shaping,
    provider forums, care association, fair cost of care exercise, inflationary pressures,
    energy bills, insurance premiums, CQC registration delays, overseas recruitment agencies,
    ethical recruitment code, accommodation costs, English language support, cultural
    induction, buddy schemes, retention payments, golden hellos, relocation packages,
    childcare costs, flexible working requests, menopause support, long COVID, musculoskeletal
    injuries, violence against staff, body-worn cameras, security guards, panic alarms,
    de-escalation training, trauma-informed practice, wellbeing hubs, psychological support,
    Schwartz rounds, staff awards, long service awards, thank-you cards, tea trolleys,
    night-shift meals, rest rooms, showers for cyclists, staff car sharing, salary sacrifice,
    pension concerns, early retirement, retire and return, succession planning, talent
    management, reverse mentoring, staff networks, race equality, WRES, WDES, gender pay gap,
    inclusive recruitment, interview panels, values-based recruitment, exit interviews,
    stay conversations, workforce dashboards, establishment reviews, skill mix, advanced
    practitioners, physician associates, pharmacy technicians, paramedics in primary care,
    first contact physiotherapists, mental health practitioners in PCNs, care navigators,
    receptionists, digital front doors, online consultation tools, telephone queues, 8am rush,
    same-day access hubs, enhanced access, home visiting service, care home ward rounds,
    anticipatory care, proactive care, case finding, risk stratification, population
    segmentation, frailty index, electronic frailty scores, multidisciplinary team meetings,
    huddles, daily check-ins, escalation calls, gold command, silver command, system
    coordination centre, OPEL reporting, sitreps, daily data returns, weekly returns, the
    annual conversation, ratings, league tables, segmentation, recovery support, undertakings,
    bin collections, planning enforcement, trading standards, environmental health, licensing,
    registrars, bereavement services, cemeteries, crematorium waits, council tax support,
    housing benefit delays, discretionary grants, welfare rights, blue badges, concessionary
    fares, highways complaints, potholes, street lighting, CCTV, noise nuisance, pest control,
    sepsis, cellulitis, pneumonia, urinary infections, dehydration, constipation, pressure
    relief, anticoagulation, polypharmacy, deprescribing, structured medication reviews,
    antipsychotic prescribing, opioid prescribing, antibiotic stewardship, infection control,
    norovirus closures, scabies outbreaks, heat-related illness, hypothermia, carbon monoxide,
    oxygen therapy, tracheostomy care, PEG feeding, dialysis transport, chemotherapy day unit,
    palliative radiotherapy, lymphoedema, Parkinson's nurses, MS nurses, motor neurone disease,
    Huntington's, acquired brain injury, spinal injuries, amputee rehabilitation, prosthetics,
    orthotics, hearing aids, low vision aids, guide dogs, sign language interpreters, deafblind
    services, bus station, retail park, industrial estate, marina, caravan site, holiday camp,
    steelworks closure, call centre jobs, warehouse shifts, agricultural workers, fishing fleet,
    quarry, power station, port expansion, army garrison, prison estate, university campus,
    student accommodation, houses in multiple occupation, bedsits, hostels, night shelter,
    outreach van, soup kitchen, street pastors, faith-based outreach, grandparents raising
    grandchildren, lodgers, neighbours checking in, dog walkers, church volunteers, rotary club,
    women's institute, lions club, round table, mosque welfare committee, Sikh langar, Jewish
    care, Polish community centre, Romanian churches, Nepali community, Filipino nurses
    association, Nigerian diaspora groups, Caribbean elders, Somali women's group, Kurdish
    refugees, Ukrainian families, Hong Kong arrivals, Afghan resettlement, bridging hotels,
    contingency hotels, dispersal accommodation, immigration solicitors, no recourse to public
    funds, destitution, hardship fund, crisis loans, white goods, beds for discharge, furniture
    poverty, hoarding, self-neglect, safeguarding adults reviews, domestic homicide reviews,
    child safeguarding practice reviews, serious case reviews, learning reviews, multi-agency
    risk assessment conference, MAPPA, channel panel, prevent duty, hate crime, cuckooing,
    scams, doorstep crime, financial abuse, power of attorney misuse, court of protection,
    deputyship, appointeeship, guardianship orders, section 2 detentions, section 3
    detentions, community treatment orders, out-of-area beds, locked rehabilitation, forensic
    services, secure units, provider collaborative beds, eating disorder beds, mother and baby
    units, perinatal outreach, baby loss, neonatal transfers, maternity triage, birth centre
    closures, midwife-led units, home births, doula schemes, infant feeding teams, tongue-tie
    clinics, health visiting caseloads, two-year checks, speech delay, school readiness,
    nursery places, childminders, holiday activity fund, youth workers, detached youth work,
    skate park, knife arches, violence reduction unit, trauma-informed schools, attendance
    officers, elective home education, children missing education, alternative provision,
    pupil referral units, virtual school, personal education plans, care-experienced adults,
    staying put, staying close, leaving care grants, corporate parenting panel, care leavers
    covenant, council tax exemption for care leavers, supported lodgings, semi-independent
    accommodation, unregulated placements
""".replace("\n", " ").split(",")
    if item.strip()
)

WARD_NAMES = tuple(
    """
    Ash Beech Birch Cedar Elm Hazel Holly Juniper Larch Maple Oak Rowan Willow Yew Alder Aspen
    Heron Kestrel Kingfisher Lark Merlin Osprey Plover Puffin Robin Swift Wren Curlew Avocet
    Nightingale Seacole Fleming Jenner Lister Darwin Cavell Florence Jubilee Coronation
    Primrose Bluebell Foxglove Heather Lavender Poppy Snowdrop Thistle Clover Meadow Harbour
    Lighthouse Anchor Riverside Moorland Pennine Fell Beacon Summit Horizon
""".split()
)

# Longer observations, written out in full when a peer had time to type.
REMARKS = _lines("""
    Clear sense that the senior team genuinely like each other, which is rarer than it sounds
    Noticeable that nobody mentioned children's services until we asked directly
    Several people independently described the hub as the place where problems go to be solved
    Felt rehearsed; answers closely mirrored the position statement, almost word for word
    Strong grasp of the numbers, less of what it feels like for residents
    Candid admission that the winter plan was written for the regulator, not for the wards
    Energy drops noticeably when the conversation turns to primary care
    Genuine curiosity about what other systems do; asked us for contacts twice
    Described a blame culture that predates the current leadership but lingers in middle management
    Tension between the unitary and the districts is palpable, though politely expressed
    The voluntary sector feels consulted late, funded short-term and thanked generously
    Staff spoke movingly about a patient who waited eleven days for a package of care
    Little evidence that resident feedback changes anything; surveys are collected, then shelved
    Leaders quick to praise partners, slower to name their own organisation's weaknesses
    A recurring anecdote about the consultant who rings the care home personally every morning
    People are proud of the pandemic response and worry the spirit is fading
    The councillors were sharper on health inequalities than the NHS colleagues in the room
    Everyone agreed on the problem; no two people described the same solution
    Surprising how few had read the integrated care strategy, including some on the board
    Operational grip is good; strategic headroom is almost non-existent
    Conversations kept circling back to estates: buildings in the wrong places, costly to heat
    Several references to a 2019 review that nobody could quite summarise
    Carers described themselves as the unpaid workforce the system forgot to plan for
    A palpable sense of fatigue, but also loyalty to the place and its people
    The digital agenda is led enthusiastically by two individuals; fragile if either leaves
    Mixed messages about whether the pooled budget is genuinely pooled or simply aligned
    Good examples of co-production in learning disability services, less elsewhere
    The hospital's internal flow problems are described as the system's problem
    Elected members want more visibility of NHS performance without wanting to be blamed for it
    Frontline staff see more integration than leaders give themselves credit for
    The ambition is right; the sequencing and capacity to deliver it are not yet clear
    People described a reliance on heroic individuals instead of resilient systems
    The data on waiting times for assessments is contested between organisations
    The neighbourhood model has enthusiastic champions and quiet sceptics in equal measure
    Relationships with the neighbouring ICB are cordial but transactional
    Staff in the coastal towns feel the strategy was written from the county town
    Peers noted a striking difference in tone between the morning and afternoon sessions
    Finance conversations dominated; outcomes for residents barely featured
    People want permission to take risks and reassurance that failure will not be punished
    The Healthwatch report on discharge was widely quoted but its recommendations were not tracked
""")

QUESTIONS = _lines("""
    who signs off the discharge policy
    what does the BCF actually buy
    is there a single system risk register
    who owns the workforce plan
    how does the VCSE get paid
    what happened to the frailty pilot
    does the HWB hold anyone to account
    is the deficit recurrent or one-off
    who chairs the transfer of care hub
    what do elected members see of NHS performance
    how many people are waiting for a package of care
    is the shared care record used on the wards
    where do complaints go when they cross organisations
    who decides on the fee uplift
    what is the evidence that the neighbourhood teams work
    do the district councils feel part of the system
    how is the inequalities fund allocated
    is the provider collaborative delivering anything yet
    what would the chief executives stop doing
    who is accountable at place
    does the strategy have measurable outcomes
    why is the staff survey so different between trusts
    how long are the waits for CHC assessments
    what is the plan when the discharge fund ends
    is the improvement capacity in the right place
    who speaks for carers
    how are people who use services involved
    what did the last peer challenge recommend and what changed
    are the ambulance handover figures getting better
    does anyone own the prevention agenda
""")

# "name|unit": the unit says what a plausible figure looks like.
METRICS_WITH_UNITS = _lines("""
    NCTR on the acute wards|%
    ambulance handovers over 60 minutes|count
    people waiting for a domiciliary care package|count
    hours of care unmet per week|count
    vacancy rate in domiciliary care|%
    vacancy rate in community nursing|%
    agency spend this year|£m
    delayed discharges per day|count
    still at home 91 days after reablement|%
    emergency admissions for over-65s|count
    A&E four-hour performance|%
    CHC assessments overdue|count
    care home beds vacant|count
    smoking at time of delivery|%
    healthy life expectancy gap|years
    children in care placed out of area|count
    staff turnover in adult social care|%
    GP appointments per 1,000 patients|count
    mental health out-of-area placements|count
    falls admissions per 100,000|count
    readmissions within 30 days|%
    average social work caseload|count
    the recurrent deficit|£m
    BCF spend on discharge|£m
    people in intermediate care beds|count
    sickness absence|%
    the savings target|£m
    virtual ward occupancy|%
    wait for an OT assessment|weeks
    carers assessments completed|count
    median length of stay for over-75s|days
    handover time at the front door|minutes
    waits for a mental health bed|days
    packages handed back by providers|count
    discharges before noon|%
""")
METRICS = tuple(m.split("|")[0] for m in METRICS_WITH_UNITS)
UNITS = dict(m.split("|") for m in METRICS_WITH_UNITS)

PRIOR_ROLES = _lines("""
    director of adult social services
    chief operating officer
    director of nursing
    head of commissioning
    a GP partner
    deputy chief executive
    director of finance
    assistant director for integration
    a ward manager
    head of strategy
    an NHS England regional lead
    director of children's services
    a care home owner
    chief executive of a hospice
    head of public health
    programme director for urgent care
""")

DOCUMENT_KINDS = _lines("""
    position statement
    strategy
    plan
    performance data
    board minutes
    report
    policy
    survey
    audit
    dashboard
    terms of reference
    business case
""")

DOCUMENT_TITLES = _lines("""
    Joint Health and Wellbeing Strategy
    Integrated Care Strategy
    Joint Forward Plan
    Better Care Fund plan
    Market Sustainability Plan
    Urgent and emergency care dashboard
    Hospital discharge policy
    Discharge to assess evaluation
    Workforce plan
    Staff survey results
    Financial recovery plan
    Medium term financial strategy
    JSNA chapter on older people
    Health inequalities annual report
    Director of public health annual report
    ICB board minutes
    Health and wellbeing board minutes
    Place partnership terms of reference
    Section 75 agreement
    Risk register extract
    CQC inspection report
    Overview and scrutiny committee report
    Carers strategy
    Neighbourhood teams evaluation
    Winter plan
    Quality improvement strategy
    Digital strategy
    VCSE alliance memorandum of understanding
    Provider collaborative business case
    Population health dashboard
    Domiciliary care commissioning review
    Reablement service review
    Mental health crisis pathway audit
    Children and young people's plan
    Housing and health needs assessment
    Healthwatch report on discharge
    Self-assessment for adult social care
    Position statement for the peer challenge
    Organisation chart
    Transformation programme highlight report
""")

DOCUMENT_SENTENCES = _lines("""
    Sets out {topic} and how partners will deliver it over the next five years.
    Reports progress against {topic}, with a red rating for {topic2}.
    Shows {metric} at {number} against a target of {number2}.
    Describes the governance for {topic} and the role of {subject}.
    Includes a case study from {place} on {topic}.
    Acknowledges that {topic} has not improved since last year.
    Commits {subject} to a review of {topic} by the end of the year.
    The section on {topic} is thin; no owner or timescale is named.
    Data appendix covers {metric} by locality, {place} the outlier.
    Written before the ICB was formed; {topic} reads as out of date.
    Consultation feedback highlights {topic} and {topic2}.
    Risk scored 20 for {topic}, mitigations largely actions for {subject}.
    Trend over three years shows {metric} moving from {number} to {number2}.
    Signed off by the health and wellbeing board in {month}.
    Financial table shows a gap of £{money}m linked to {topic}.
""")

MONTHS = _lines("""
    January
    February
    March
    April
    May
    June
    July
    August
    September
    October
    November
    December
""")

_PLACE_STARTS = _lines("""
    Ash Bram Cal Dun Elm Fen Gar Hal Ing Kel Lang Mar Nor Ock Pen Quen Ros Sal Thorn Ul
    Ven Wes Yar Brad Crom Hather Lyd Mel Stan Whit Alder Birch Clay Dray Eden Frog Glen
    Holm Ivy Kirk Lud Moss Nether Oak Pike Rush Shel Tarn Up Wick Yew
""")
_PLACE_ENDS = _lines("""
    ton ley bury field ford ham worth by cliffe wick dale bridge stow mouth combe hurst
    thorpe well moor gate
""")
PLACE_STARTS = tuple(" ".join(_PLACE_STARTS).split())
PLACE_ENDS = tuple(" ".join(_PLACE_ENDS).split())

FIRST_NAMES = tuple(
    """
    Aisha Alan Alison Amir Andrew Angela Anita Ben Bernadette Carol Catherine Chidi Chris
    Claire Colin Dawn Deborah Declan Dev Diane Elaine Emeka Emma Farah Fiona Gareth Grace
    Hannah Helen Ian Imran Jacqueline James Jane Jo Joanne Julie Karen Kate Kevin Laura Lee
    Lesley Liam Linda Mandeep Margaret Mark Martin Michelle Mohammed Nadia Neil Nicola Niamh
    Olu Paul Peter Priya Rachel Rajesh Rebecca Richard Rob Ruth Sally Sam Sandra Sarah Shabana
    Sharon Simon Siobhan Sophie Stephen Steve Sue Tom Tracey Usha Vikram Wendy Yasmin Zoe
""".split()
)
LAST_NAMES = tuple(
    """
    Adeyemi Ahmed Allen Armstrong Atkinson Bailey Baker Banerjee Barnes Bell Bennett Brooks
    Campbell Carter Chapman Clarke Cole Collins Cooper Cox Davies Dixon Doherty Edwards Evans
    Fletcher Foster Gill Graham Green Hall Harris Hughes Hussain Jackson James Jones Kaur Kelly
    Khan Lewis Lloyd Marshall Martin Mason Mills Mitchell Moore Morgan Murphy Murray Nolan
    Okafor Owen Palmer Parker Patel Pearson Phillips Price Reid Richards Roberts Robinson Rose
    Russell Scott Shaw Singh Smith Stevens Taylor Thomas Thompson Turner Walker Ward Watson
    White Williams Wilson Wood Wright Young
""".split()
)

SECTORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "NHS acute",
        (
            "chief executive",
            "chief operating officer",
            "ward manager",
            "discharge coordinator",
            "consultant geriatrician",
            "chief nurse",
            "medical director",
            "therapy lead",
        ),
    ),
    (
        "NHS mental health",
        (
            "chief executive",
            "crisis team manager",
            "consultant psychiatrist",
            "director of operations",
            "AMHP lead",
        ),
    ),
    (
        "NHS community",
        (
            "chief executive",
            "community matron",
            "reablement lead",
            "district nurse",
            "virtual ward lead",
        ),
    ),
    ("ambulance", ("locality director", "paramedic", "clinical hub manager")),
    (
        "primary care",
        (
            "PCN clinical director",
            "GP partner",
            "practice manager",
            "social prescribing link worker",
        ),
    ),
    (
        "ICB",
        (
            "chief executive",
            "chair",
            "director of finance",
            "director of strategy",
            "place director",
            "director of nursing",
            "head of commissioning",
        ),
    ),
    (
        "local authority",
        (
            "chief executive",
            "leader",
            "cabinet member for adult social care",
            "director of public health",
            "head of housing",
            "scrutiny chair",
            "opposition group leader",
            "ward councillor",
        ),
    ),
    (
        "adult social care",
        (
            "director of adult social services",
            "head of commissioning",
            "social worker",
            "occupational therapist",
            "safeguarding lead",
            "principal social worker",
        ),
    ),
    (
        "VCSE",
        (
            "alliance chair",
            "carers centre manager",
            "Age UK chief officer",
            "community group volunteer",
            "food bank coordinator",
        ),
    ),
    (
        "care providers",
        ("care home manager", "domiciliary care owner", "registered manager", "care worker"),
    ),
    ("Healthwatch", ("chief officer", "volunteer")),
    ("housing", ("housing association director", "homelessness lead")),
)

ORG_PATTERNS: dict[str, tuple[str, ...]] = {
    "NHS acute": ("{place} Hospitals NHS Foundation Trust", "{place} General Hospital"),
    "NHS mental health": ("{place} Partnership NHS Foundation Trust",),
    "NHS community": ("{place} Community Health Services",),
    "ambulance": ("North Shires Ambulance Service",),
    "primary care": ("{place} PCN", "{place} Medical Practice"),
    "ICB": ("{system} ICB",),
    "local authority": ("{place} Council", "{place} District Council"),
    "adult social care": ("{place} Council adult social care",),
    "VCSE": ("{place} VCSE Alliance", "{place} Carers Centre", "Age UK {place}"),
    "care providers": ("{place} Care Homes Ltd", "{place} Home Care"),
    "Healthwatch": ("Healthwatch {place}",),
    "housing": ("{place} Homes",),
}

LOCATIONS = _lines("""
    Council House, Committee Room 3
    ICB offices, meeting room 2
    Hospital education centre
    Town hall, Mayor's parlour
    MS Teams
    Community hub
    Fire station training room
    Civic centre, room 1.14
    Library meeting room
    Trust headquarters boardroom
""")

HEADINGS = {
    "interview": (
        "Context",
        "What we heard",
        "Discharge and flow",
        "Relationships",
        "Money",
        "Workforce",
        "Questions to test",
        "Follow up",
    ),
    "focus group": ("Who was there", "What they told us", "Themes", "Quotes", "Questions to test"),
    "site visit": ("What we saw", "Conversations on the floor", "Data on the wall", "Follow up"),
    "document review": ("Documents read", "Gaps", "Questions to test"),
    "team meeting": (
        "Emerging strengths",
        "Emerging areas for consideration",
        "To test tomorrow",
        "Daily update points",
    ),
    "reading": ("Summary", "Notes", "Questions to test", "Gaps"),
}
