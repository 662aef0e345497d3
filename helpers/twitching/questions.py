"""The twitching lesson's question bank: predictions and self-checks with feedback per answer.

Each wrong answer's feedback is aimed at the misconception it reveals: "twitching
alone means ALS", "persistent means progressive", "more twitching means worse".
Sources as in the clinical brief.
"""

from __future__ import annotations

from helpers.quiz import Question, answer, choice

QUESTIONS: dict[str, Question] = {
    "trigger_prediction": Question(
        "Amira drinks 400 mg of caffeine a day, sleeps 5 hours and is stressed for one exam week, then goes back to normal. "
        "What happens to her noticed twitching after the week ends?",
        (
            choice("It stops the next morning", "Triggers have an after-effect: in this model (an ASSUMPTION based on 'recovers within days') "
                   "twitching fades over several days rather than switching off."),
            answer("It falls back to her usual level over several days", "Yes: trigger-driven twitching rises during the week and settles "
                   "over the following days. Her strength does not change at any point."),
            choice("It stays high from now on, because the nerves are damaged", "Twitching from caffeine, sleep loss and stress is not a sign "
                   "of damage: it follows the triggers and settles when they go (Simon & Kiernan 2013)."),
            choice("Her grip strength drops along with the twitching", "Twitching and strength are different things. Trigger-driven twitching "
                   "comes with normal measured strength; the grip panel of the lab stays inside its noise band."),
        ),
    ),
    "twitching_alone": Question(
        "Amira's eyelid and calves have twitched on and off for three weeks of exams. Her measured strength is normal and nothing "
        "else has changed. What is the most reasonable reading?",
        (
            choice("It is probably early ALS", "This is the 'twitching alone means ALS' worry. About 70% of people notice twitches at some "
                   "point (Reed & Kurland 1963), and ALS is rare (about 5 in 100,000 living with it; Chiò 2013). What matters is whether "
                   "weakness and wasting come with the twitching."),
            answer("A common, usually harmless pattern, worth watching alongside her triggers", "Yes. Twitching with normal strength that "
                   "follows caffeine, sleep loss and stress is the common benign pattern. If weakness, wasting, or speech or swallowing "
                   "trouble appeared, she should see a doctor promptly."),
            choice("Nothing can be said without an EMG the same week", "Clinicians often reassure people under 40 with twitching only, no "
                   "weakness and normal blood tests without an EMG (Turner & Talbot 2013). A history and an examination come first."),
            choice("Twitching in two places means it is spreading, which is serious", "Benign twitching is often widespread and migrating. "
                   "In ALS it is *weakness* that spreads to neighbouring regions, not twitching on its own."),
        ),
    ),
    "persistent": Question(
        "Daniel has twitched almost every day for two years, in many muscles. His grip and his strength on examination are normal, "
        "with no wasting. What does the persistence tell us?",
        (
            choice("Two years of twitching means it must be progressing", "This is the 'persistent means progressive' worry. In benign "
                   "fasciculation syndrome twitching often lasts for years: 93% still twitched after two years, and none of 35 developed "
                   "ALS (Filippakis 2018)."),
            answer("On its own, little: persistence is not a warning sign; what counts is whether strength changes", "Yes. Follow-up "
                   "studies found no progression to ALS (0 of 121 over 2-32 years, Blexrud 1993; 0 of 35, Filippakis 2018). Years of "
                   "twitching without weakness is not how ALS behaves."),
            choice("The longer it lasts, the higher the risk each year", "Nothing in the follow-up studies suggests that. And ALS typically "
                   "does not cause years of twitching with no weakness (clinical brief, section 2)."),
        ),
    ),
    "more_twitching": Question(
        "In the side-by-side year, Person B noticed about 20 twitches a day and Person A fewer in most weeks. Does more twitching mean a worse condition?",
        (
            choice("Yes: the person who twitches more is the one to worry about", "This is the 'more twitching means worse' worry. In the "
                   "side-by-side year, the person with benign fasciculation often twitched more, with strength at 100% throughout."),
            answer("No: the amount of twitching does not sort benign from progressive; strength and wasting do", "Yes. The number of "
                   "twitches follows triggers and varies from person to person. Weakness in the same region as the twitching, getting "
                   "worse and spreading, is what marks the progressive pattern."),
            choice("Yes, if the twitching is also in the legs", "Where twitching occurs matters only together with weakness there. Benign "
                   "twitching moves around the body, legs included."),
        ),
    ),
    "which_is_benign": Question(
        "Look at the twelve months above. Which person shows the benign twitching pattern?",
        (
            choice("Person A", "Look at the middle panel: Person A's weakest region is already below the noise band at the start and keeps "
                   "falling. Twitching together with weakness that gets worse is the progressive pattern."),
            answer("Person B", "Yes: Person B twitches a lot, with cramps now and then, but strength stays at 100% all year. That is the "
                   "benign pattern, however much the twitching."),
            choice("Neither can be judged without a blood test", "A blood test helps rule out look-alikes, but this figure already shows "
                   "the key difference: one person's strength is falling and the other's is not."),
        ),
    ),
    "what_matters": Question(
        "Which finding, together with twitching, is the reason to see a doctor promptly?",
        (
            choice("Twitching that is worse after coffee", "That is the benign, trigger-driven pattern."),
            choice("Twitching that has lasted more than three months", "Persistence alone is not a warning sign: in benign fasciculation "
                   "syndrome twitching often lasts years (Filippakis 2018)."),
            answer("A hand that has been getting weaker over weeks, with the muscle at the base of the thumb looking thinner",
                   "Yes: weakness and wasting in the region that twitches, getting worse over weeks, is a red flag for prompt medical "
                   "evaluation. It does not mean ALS; several look-alikes cause it too, and a clinician can tell them apart."),
            choice("Cramps in the calves after sport", "Cramps are common in benign fasciculation (about 65%) as well as in ALS "
                   "(Caress 2016): on their own they do not sort the two."),
        ),
    ),
    "base_rate": Question(
        "In a town of 100,000 people, roughly how many notice muscle twitches at some point, and how many are living with ALS?",
        (
            answer("About 70,000 twitch; about 5 are living with ALS", "Yes (Reed & Kurland 1963; Chiò 2013). Almost everyone who twitches "
                   "does not have ALS. This is a population picture, not anybody's personal risk."),
            choice("About 7,000 twitch; about 500 are living with ALS", "Both numbers are off by a factor of ten or more: twitching is "
                   "very common (about 70%), ALS rare (about 5 per 100,000)."),
            choice("About 70,000 twitch, and most of them will develop ALS", "This is 'twitching alone means ALS'. Only about 2 per 100,000 "
                   "are newly diagnosed each year (Logroscino 2010), and in follow-up studies of benign twitching none developed ALS."),
        ),
    ),
    "not_als": Question(
        "Which of these points *away* from ALS and towards another explanation?",
        (
            choice("Weakness in one hand that has slowly worsened for four months", "That is the kind of focal, progressive weakness ALS "
                   "can cause (and a reason to see a doctor)."),
            answer("Numbness and tingling in the thumb-side fingers, worse at night", "Yes: sensory symptoms as the main problem point "
                   "elsewhere (here carpal tunnel syndrome is the classic look-alike). ALS usually spares sensation."),
            choice("Slurred speech that has crept in over months", "Slowly worsening speech or swallowing is a bulbar symptom that can come "
                   "from ALS and needs prompt evaluation."),
            choice("Muscle cramps", "Cramps are common in ALS (about 95% over the course; Caress 2016) but also in benign twitching: they "
                   "point neither way on their own."),
        ),
    ),
    "urgent": Question(
        "Which of these needs urgent care now (your local emergency number), not just a routine appointment?",
        (
            choice("Twitching in the calf that has lasted a week", "This is a reason for calm and a diary, and for a routine visit if it "
                   "worries you or if weakness appears."),
            choice("A grip that feels tired after a long day of typing", "Tiredness that improves with rest is fatigue, not a measured "
                   "loss of strength."),
            answer("Trouble breathing, or choking so that food or drink cannot be swallowed", "Yes: breathing difficulty, severe "
                   "swallowing problems or a rapid decline need urgent care now."),
        ),
    ),
}
