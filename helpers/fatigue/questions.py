"""Question bank of the "Tired or weak?" lesson: predictions and self-checks.

Each wrong answer's feedback is aimed at the misconception it reveals ("tired
means weak", "one bad reading means decline", "weakness that comes and goes is
just fatigue"). Clinical facts follow the course's clinical brief, with its sources.
"""

from __future__ import annotations

from helpers.quiz import Question, answer, choice

QUESTIONS: dict[str, Question] = {
    # ---- predictions (before a reveal) ----
    "predict_grip_tired": Question(
        "Jonas feels drained after a hard training week. He squeezes a grip meter as hard as he can "
        "12 times in a row, rests two minutes, and squeezes once more. What will the retest show?",
        (
            choice("About 30% below his first squeeze: he is tired, so he is weaker",
                   "That is 'tired means weak'. Force does fall during repeated maximal squeezes, in everyone "
                   "(about 30% over 12 grips; White 2013, PMID 24052933), but a rested muscle recovers within minutes."),
            answer("Back near his first squeeze: the drop within the session recovers with rest",
                   "Yes. A drop during repeated effort that recovers within minutes is normal muscle fatigue; "
                   "his maximal force is intact (White 2013, PMID 24052933)."),
            choice("Higher than his first squeeze, because he has warmed up",
                   "A small rise can happen by chance (the meter's noise is about 1.8 kg), but rest brings force "
                   "back to where it started, not above it."),
        ),
    ),
    "predict_grip_als": Question(
        "Peter's right hand has been clumsy for a few months (buttons, keys, dropping screws). "
        "How will his right-hand grip compare with his left in the same test?",
        (
            choice("Both hands the same: clumsiness is a feeling of tiredness",
                   "Clumsy fine movements (buttons, keys, dropping things) are everyday signs of real strength loss "
                   "in the hand, not of tiredness (clinical brief, section 1)."),
            answer("The right hand starts lower than normal and stays lower after rest; the left is normal",
                   "Yes. True strength loss lowers the maximal, rested force, so rest cannot bring it back. In ALS it "
                   "often starts in one hand, which makes the two sides differ."),
            choice("The right hand starts normal, then drops much faster than the left",
                   "That is the pattern of fatigable weakness (myasthenia gravis), where force falls steeply with "
                   "use. Lost strength shows already in the first, rested squeeze."),
        ),
    ),
    "predict_timeline": Question(
        "Leah reports weakness in both arms most days and her diary fatigue is about 5 out of 10. "
        "What do you expect her weekly grip measurements to show?",
        (
            choice("A steady fall below her normal: she reports weakness every day",
                   "Reported weakness and measured weakness can part ways. That is the core of this lesson: "
                   "the feeling is real, but only a measurement tells whether force is lost."),
            answer("Readings that wobble inside the noise band around her normal",
                   "Yes. Her reported weakness is real as an experience, but her measured strength is normal; "
                   "anxiety heightens body awareness (Simon & Kiernan 2013, PMID 23400500)."),
            choice("Readings that fall on tired weeks and recover on rested weeks, by 10 kg or more",
                   "Tiredness barely changes maximal force: a tired week may shave off a kilo or two, well inside "
                   "the noise of a grip meter (about 1.8 kg; Bai 2019, Abe 2025)."),
        ),
    ),
    "predict_noise": Question(
        "A healthy person's grip is measured once a week for a year with a meter whose noise is about 1.8 kg. "
        "How many of 100 such people will have at least one reading more than 5 kg below their first one?",
        (
            choice("None: 5 kg is beyond the noise, so it only happens with real weakness",
                   "That is 'one bad reading means decline'. Each reading has a small chance of falling outside the "
                   "band by luck; with 52 readings those chances add up."),
            choice("About 1 or 2",
                   "That is roughly how many would show three low readings in a row. A single low reading is much "
                   "more common."),
            answer("About a third",
                   "Yes, in our simulation about 30 in 100. One low reading means little; a trend beyond the noise, "
                   "confirmed over weeks, means a lot."),
        ),
    ),
    # ---- self-checks ----
    "check_tired_vs_weak": Question(
        "Which observation points to true strength loss rather than fatigue?",
        (
            choice("Feeling exhausted all day, worse after a bad night",
                   "That is 'tired means weak'. Exhaustion that follows sleep and stress is fatigue: a feeling of "
                   "reduced capacity, with normal maximal force."),
            answer("Rested grip 8 kg below the person's own normal in one hand, on three visits in a row",
                   "Yes: a measured loss of maximal force, beyond the noise (about 5 kg), in one hand, confirmed over "
                   "time. That deserves a doctor's assessment."),
            choice("Legs that feel heavy for two days after a hard week of training",
                   "Heaviness after exertion that settles within days is ordinary exercise fatigue, tied to its "
                   "trigger."),
            choice("Force drops by a third during 12 maximal squeezes in a row",
                   "Everyone's force drops by about 30% over 12 maximal squeezes (White 2013, PMID 24052933). "
                   "The question is whether it recovers with rest and whether the first squeeze is normal."),
        ),
    ),
    "check_one_reading": Question(
        "Your home grip meter reads 4 kg lower than last week. What is the sensible next step?",
        (
            choice("Conclude you are losing strength",
                   "That is 'one bad reading means decline'. The meter's noise alone (about 1.8 kg per reading; "
                   "Bai 2019, Abe 2025) makes a 4 kg change between two readings unremarkable."),
            answer("Note it, keep measuring the same way, and look at the trend over several weeks",
                   "Yes. Changes under about 5 kg (or 15-20%) are within noise; a trend beyond the noise, confirmed "
                   "over weeks, is what counts. Any worsening weakness you notice in daily life deserves a doctor."),
            choice("Measure ten times today until you get a normal number",
                   "Repeated maximal squeezes tire the muscle (about 30% over 12; White 2013), so more squeezes give "
                   "lower, not truer, numbers. Checking again and again also feeds worry."),
        ),
    ),
    "check_comes_and_goes": Question(
        "Rosa's arms are fine in the morning, but by evening her eyelids droop and drying her hair makes her arms "
        "give up. Her grip falls steeply over repeated squeezes and recovers after a rest. What fits best?",
        (
            choice("Just fatigue: it comes and goes, so it is harmless",
                   "That is 'weakness that comes and goes is just fatigue'. Here the force itself drops with use and "
                   "measurably recovers: fatigable weakness, which needs a medical assessment."),
            answer("Fatigable weakness, as in myasthenia gravis: real, measurable, and it needs a doctor",
                   "Yes. Weakness that worsens with repeated use and recovers with rest, often with eyelid droop or "
                   "double vision (Kupersmith 2003), is the important exception; it is treatable."),
            choice("ALS, because the weakness is real",
                   "ALS weakness does not swing between good and bad parts of the day and does not recover with "
                   "rest (clinical brief, section 2)."),
        ),
    ),
    "check_als_fatigue": Question(
        "A person with ALS says they are exhausted. Which statement is right?",
        (
            choice("Fatigue rules out ALS, because ALS causes weakness, not tiredness",
                   "ALS brings both: significant fatigue affects roughly a third to a half of people with ALS "
                   "(An 2022; Lo Coco 2012), alongside the strength loss."),
            answer("ALS often brings fatigue as well as strength loss; the measured strength tells them apart",
                   "Yes. Fatigue is common in ALS (about a third to a half; An 2022, Lo Coco 2012). Neither "
                   "tiredness nor its absence says much on its own; measured strength over time does."),
            choice("The exhaustion shows that the weakness is only fatigue",
                   "That is 'tired means weak' turned around. Tiredness does not explain away a measured, lasting "
                   "loss of force."),
        ),
    ),
    "check_mrc": Question(
        "A doctor grades finger strength as MRC 4 on one side and 5 on the other. What does that mean?",
        (
            answer("One side moves against some resistance but less than normal: a real, examinable difference",
                   "Yes. MRC 4 means movement against some resistance, less than normal; 5 is normal (clinical "
                   "brief, section 1). A dynamometer measures the same thing in kilograms and detects smaller changes."),
            choice("Both sides are normal; 4 and 5 are the same for practical purposes",
                   "MRC 5 is normal strength; 4 means the examiner can overcome the muscle. A difference between "
                   "sides is a finding worth noting."),
            choice("The person was tired during the examination",
                   "Tiredness does not lower maximal force much; an MRC grade of 4 reflects a real loss of force."),
        ),
    ),
    "check_management": Question(
        "Nadia has post-viral fatigue with normal grip; Peter has a measured, progressive loss of hand strength. "
        "Which help fits whom?",
        (
            choice("Both: push through with hard daily exercise",
                   "Hard exercise makes post-exertional fatigue worse for days, and it does not restore strength "
                   "lost to nerve disease."),
            answer("Nadia: pacing, sleep, gentle exercise. Peter: a doctor, then physiotherapy, occupational therapy and aids",
                   "Yes. Fatigue is managed with pacing, energy conservation, sleep, low-impact exercise and nutrition; "
                   "strength loss with physiotherapy, occupational therapy, aids and multidisciplinary care (clinical brief, section 1)."),
            choice("Both: rest until it passes",
                   "Rest helps fatigue, but a measured, progressive strength loss does not recover with rest: it needs "
                   "a medical assessment."),
        ),
    ),
}

MISCONCEPTIONS: dict[str, tuple[str, ...]] = {
    "tired means weak": ("predict_grip_tired", "check_tired_vs_weak", "check_als_fatigue", "predict_timeline"),
    "one bad reading means decline": ("predict_noise", "check_one_reading"),
    "weakness that comes and goes is just fatigue": ("check_comes_and_goes",),
}
