"""The demo library: original articles on common pregnancy symptoms and on the signs that need help,
written for this project.

Facts follow the guidance listed as each article's sources: India's Ministry of Health and Family
Welfare (MoHFW), National Health Mission (NHM) and ICMR-National Institute of Nutrition beside the NHS,
ACOG, WHO, NICE, RCOG, the US FDA and Cochrane. The wording is our own. Every article has a "When to
see a doctor" callout whose red flags carry the urgency a clinician would give them (`Urgency`).

`Src.accessed` is set only where the cited passage was checked against the page; every link is
checked by `manage.py check_sources`.
"""

import datetime
from dataclasses import dataclass

from articles.models import DANGER_SIGNS_SLUG, Urgency

D = datetime.date
CALL_108, HOSPITAL_NOW = Urgency.CALL_108, Urgency.HOSPITAL_NOW
WITHIN_24_HOURS, NEXT_VISIT = Urgency.WITHIN_24_HOURS, Urgency.NEXT_VISIT
CHECKED = D(2026, 12, 1)  # when the passages marked `accessed=CHECKED` were checked against the page


@dataclass(frozen=True)
class Src:
    title: str
    publisher: str
    url: str
    date: datetime.date | None = None  # published or last reviewed, when the page says
    accessed: datetime.date | None = None


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    standfirst: str
    topics: list[str]
    sections: list[tuple[str, str, bool]]  # (question, Markdown answer, is the callout)
    red_flags: list[tuple[Urgency, str]]  # the callout's signs, in order
    sources: list[Src]


TOPICS = [
    # slug, name, description, order
    (
        "symptoms",
        "Symptoms",
        "Common pregnancy symptoms: why they happen, what eases them and when to get help.",
        1,
    ),
    (
        "first-trimester",
        "First trimester",
        "Weeks 1 to 13: the first signs of pregnancy, early symptoms and what helps.",
        2,
    ),
    (
        "second-trimester",
        "Second trimester",
        "Weeks 14 to 27: a growing bump, new aches and how to stay comfortable.",
        3,
    ),
    (
        "third-trimester",
        "Third trimester",
        "Week 28 to birth: sleeping, swelling, aches and the signs that need a doctor.",
        4,
    ),
    (
        "nutrition",
        "Nutrition",
        "Eating well in pregnancy, supplements, and food that helps common complaints.",
        5,
    ),
    (
        "sleep-and-wellbeing",
        "Sleep and wellbeing",
        "Rest, energy, sleep positions and looking after yourself through pregnancy.",
        6,
    ),
    (
        "labour-and-birth",
        "Labour and birth",
        "Getting ready for birth, the signs of labour and when to go to hospital.",
        7,
    ),
]

# The topics that cover one trimester each (the calculator's result links to them).
TRIMESTER_TOPICS = {"first-trimester": 1, "second-trimester": 2, "third-trimester": 3}

NICE = "National Institute for Health and Care Excellence"
ACOG = "American College of Obstetricians and Gynecologists"
RCOG = "Royal College of Obstetricians and Gynaecologists"
MOHFW = "Ministry of Health and Family Welfare, Government of India"
NHM_GUIDELINES = "https://nhm.gov.in/images/pdf/programmes/maternal-health/guidelines"

# ---- India ----
NHM_ANAEMIA = Src(
    "Anaemia Mukt Bharat: iron and folic acid supplementation",
    "National Health Mission, MoHFW",
    "https://nhm.gov.in/index1.php?lang=1&level=3&sublinkid=1448&lid=797",
    accessed=CHECKED,
)
MOHFW_CALCIUM = Src(
    "National guidelines for calcium supplementation during pregnancy and lactation",
    MOHFW,
    f"{NHM_GUIDELINES}/National_Guidelines_for_Calcium_Supplementation_During_Pregnancy_and_Lactation.pdf",
    D(2014, 12, 1),
)
MOHFW_GDM = Src(
    "Diagnosis and management of gestational diabetes mellitus: technical and operational guidelines (2018)",
    MOHFW,
    "https://nhm.gov.in/New_Updates_2018/NHM_Components/RMNCH_MH_Guidelines/Gestational-Diabetes-Mellitus.pdf",
)
MCP_CARD = Src(
    "Mother and Child Protection Card",
    "MoHFW and Ministry of Women and Child Development",
    f"{NHM_GUIDELINES}/mcp_card1.pdf",
)
SAFE_MOTHERHOOD = Src(
    "My safe motherhood: a booklet for expectant mothers",
    "National Health Mission, MoHFW",
    f"{NHM_GUIDELINES}/my_safe_motherhood_booklet_english.pdf",
)
JSSK = Src(
    "Guidelines for Janani-Shishu Suraksha Karyakram (JSSK): free transport, delivery and care",
    "National Health Mission, MoHFW",
    f"{NHM_GUIDELINES}/guidelines_for_jssk.pdf",
)
PMSMA = Src(
    "Pradhan Mantri Surakshit Matritva Abhiyan (PMSMA): a free check-up on the 9th of every month",
    MOHFW,
    "https://pmsma.mohfw.gov.in/",
)
TELE_MANAS = Src(
    "Tele-MANAS: the national tele-mental health helpline, 14416",
    MOHFW,
    "https://telemanas.mohfw.gov.in/",
)
ICMR_NIN_DIET = Src(
    "Dietary guidelines for Indians (2024)",
    "ICMR-National Institute of Nutrition",
    "https://www.nin.res.in/dietaryguidelines/pdfjune/DGI_07th_May_2024_fin.pdf",
)

# ---- International ----
WHO_ANC = Src(
    "WHO recommendations on antenatal care for a positive pregnancy experience",
    "World Health Organization",
    "https://www.who.int/publications/i/item/9789241549912",
    D(2016, 11, 28),
)
WHO_POSTNATAL = Src(
    "WHO recommendations on maternal and newborn care for a positive postnatal experience",
    "World Health Organization",
    "https://www.who.int/publications/i/item/9789240045989",
    D(2022, 3, 30),
)
NICE_ANC = Src(
    "Antenatal care (NICE guideline NG201)", NICE, "https://www.nice.org.uk/guidance/ng201", D(2021, 8, 19)
)
NICE_HYPERTENSION = Src(
    "Hypertension in pregnancy: diagnosis and management (NICE guideline NG133)",
    NICE,
    "https://www.nice.org.uk/guidance/ng133",
    D(2019, 6, 25),
)
NICE_POSTNATAL = Src(
    "Postnatal care (NICE guideline NG194)", NICE, "https://www.nice.org.uk/guidance/ng194", D(2021, 4, 20)
)
NICE_MENTAL_HEALTH = Src(
    "Antenatal and postnatal mental health (NICE guideline CG192)",
    NICE,
    "https://www.nice.org.uk/guidance/cg192",
    D(2014, 12, 17),
)
NICE_EARLY_PREGNANCY = Src(
    "Ectopic pregnancy and miscarriage: diagnosis and initial management (NICE guideline NG126)",
    NICE,
    "https://www.nice.org.uk/guidance/ng126",
    D(2019, 4, 17),
)
NHS_PRE_ECLAMPSIA = Src(
    "Pre-eclampsia: symptoms", "NHS", "https://www.nhs.uk/conditions/pre-eclampsia/symptoms/"
)
NHS_DVT = Src("Deep vein thrombosis (DVT)", "NHS", "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/")
NHS_PARACETAMOL = Src(
    "Pregnancy, breastfeeding and fertility while taking paracetamol for adults",
    "NHS",
    "https://www.nhs.uk/medicines/paracetamol-for-adults/"
    "pregnancy-breastfeeding-and-fertility-while-taking-paracetamol-for-adults/",
)
NHS_MOVEMENTS = Src(
    "Your baby's movements", "NHS", "https://www.nhs.uk/pregnancy/keeping-well/your-babys-movements/"
)
ACOG_PREECLAMPSIA = Src(
    "Preeclampsia and high blood pressure during pregnancy",
    ACOG,
    "https://www.acog.org/womens-health/faqs/preeclampsia-and-high-blood-pressure-during-pregnancy",
)
FDA_NSAIDS = Src(
    "FDA recommends avoiding use of NSAIDs in pregnancy at 20 weeks or later because they can result in "
    "low amniotic fluid (Drug Safety Communication)",
    "US Food and Drug Administration",
    "https://www.fda.gov/drugs/drug-safety-and-availability/"
    "fda-recommends-avoiding-use-nsaids-pregnancy-20-weeks-or-later-because-they-can-result-low-amniotic",
    D(2020, 10, 15),
    accessed=CHECKED,
)
COCHRANE_CRAMPS = Src(
    "Interventions for leg cramps in pregnancy (Cochrane review, 2020 update)",
    "Cochrane Library",
    "https://www.cochranelibrary.com/cdsr/doi/10.1002/14651858.CD010655.pub3/full",
    accessed=CHECKED,
)
MHRA_QUININE = Src(
    "Quinine: not to be used routinely for nocturnal leg cramps (Drug Safety Update)",
    "Medicines and Healthcare products Regulatory Agency (UK)",
    "https://www.gov.uk/drug-safety-update/quinine-not-to-be-used-routinely-for-nocturnal-leg-cramps",
)
RCOG_CHOLESTASIS = Src(
    "Intrahepatic cholestasis of pregnancy (Green-top Guideline No. 43)",
    RCOG,
    "https://www.rcog.org.uk/guidance/browse-all-guidance/green-top-guidelines/"
    "intrahepatic-cholestasis-of-pregnancy-green-top-guideline-no-43/",
    D(2022, 8, 3),
    accessed=CHECKED,
)
RCOG_MOVEMENTS = Src(
    "Reduced fetal movements (Green-top Guideline No. 57)",
    RCOG,
    "https://www.rcog.org.uk/en/guidelines-research-services/guidelines/gtg57/",
    D(2011, 2, 25),
    accessed=CHECKED,
)


def nhs(title: str, path: str) -> Src:
    return Src(title, "NHS", f"https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/{path}/")


def acog(title: str, path: str) -> Src:
    return Src(title, ACOG, f"https://www.acog.org/womens-health/faqs/{path}")


CLOT_IN_LUNGS = (
    "Sudden breathlessness, pain in your chest, or coughing up blood: a clot may have reached your lungs."
)
CLOT_IN_LEG = (
    "One calf or leg that is painful, swollen, warm or red, or darker than the other: a possible clot in a "
    "vein (deep vein thrombosis)."
)
# The danger-signs article's sources, in English and in its Hindi translation.
DANGER_SIGNS_SOURCES = [
    MCP_CARD,
    SAFE_MOTHERHOOD,
    JSSK,
    PMSMA,
    NICE_HYPERTENSION,
    NHS_DVT,
    WHO_ANC,
    WHO_POSTNATAL,
    NICE_POSTNATAL,
    NICE_MENTAL_HEALTH,
    TELE_MANAS,
]
PAIN_BELOW_RIBS = "Pain just below your ribs, especially on the right."
PRE_ECLAMPSIA_SIGNS = [
    (HOSPITAL_NOW, "A severe headache that does not go away."),
    (HOSPITAL_NOW, "Blurred vision, flashing lights or spots in front of your eyes."),
    (HOSPITAL_NOW, PAIN_BELOW_RIBS),
    (HOSPITAL_NOW, "Sudden swelling of your face, hands or feet."),
]
PAINKILLERS = (
    "**Paracetamol** is the usual choice for pain and fever in pregnancy: take the lowest dose that helps, "
    "for the shortest time, and check the dose with your doctor or pharmacist.\n\n"
    "**Avoid ibuprofen, diclofenac and other anti-inflammatory painkillers (NSAIDs) from 20 weeks of "
    "pregnancy** unless a doctor who knows you are pregnant prescribes them, and before 20 weeks take "
    "them only on a doctor's advice. From about 20 weeks they can affect the baby's kidneys and lower "
    "the fluid around the baby (US FDA, 2020); later they can also affect the baby's heart. Many "
    "painkillers sold over the counter in India combine paracetamol with ibuprofen or diclofenac, so "
    "read the label or ask the pharmacist."
)

ARTICLES = [
    DemoArticle(
        slug="leg-cramps-in-pregnancy",
        title="Leg cramps in pregnancy",
        standfirst="Sudden, painful tightening in the calf, often at night, is common from the middle of "
        "pregnancy. Here is why it happens, how to stop a cramp and how to make the next one less likely.",
        topics=["symptoms", "second-trimester", "third-trimester"],
        sections=[
            (
                "What are leg cramps?",
                "A leg cramp is a muscle that tightens on its own and will not let go for a while. In "
                "pregnancy it is usually the calf, sometimes the foot, and it often wakes you at night.\n\n"
                "Cramps are most common in the second and third trimesters. Most last from a few seconds "
                "to a few minutes, and the muscle can feel sore for a while afterwards.",
                False,
            ),
            (
                "Why do they happen in pregnancy?",
                "Nobody knows the exact cause. Likely contributors are:\n\n"
                "- the extra weight your legs carry as the baby grows\n"
                "- changes in circulation in the legs\n"
                "- tired muscles after a long day on your feet, or after sitting still for hours\n\n"
                "Some doctors think the way the body handles minerals such as calcium and magnesium plays a "
                "part, but the evidence is not clear enough to say that everyone should take a supplement.",
                False,
            ),
            (
                "How can I stop a cramp when it starts?",
                "- **Stretch the muscle:** straighten your leg and pull your toes up towards your shin. "
                "Pointing your toes usually makes the cramp worse.\n"
                "- **Rub the calf** firmly, or stand on a hard floor and lean forward gently to stretch it.\n"
                "- **Walk around** for a minute once the worst has passed.\n"
                "- **Warmth** from a warm bath or a warm towel can relax a sore muscle afterwards.",
                False,
            ),
            (
                "Can I prevent leg cramps?",
                "These habits help many women:\n\n"
                "- Stretch your calves and circle your ankles for a few minutes before bed.\n"
                "- Stay active during the day: a daily walk or swim counts.\n"
                "- Avoid standing or sitting in one position for long; get up and move every hour.\n"
                "- Drink water regularly through the day.\n\n"
                "Trials of magnesium, calcium and vitamin supplements for cramps have been small, with mixed "
                "results, so none can be recommended for cramps alone (Cochrane review, 2020); WHO leaves "
                "magnesium, calcium or stretching to what you prefer, as the evidence for each is weak. If you were "
                "given calcium tablets, keep taking them as prescribed: in India every pregnant woman is "
                "offered 500 mg of calcium twice a day from 14 weeks, mainly to lower the risk of "
                "pre-eclampsia, and that matters whatever it does for cramps.",
                False,
            ),
            (
                "What about salt water, sports drinks or quinine?",
                "Salt water, sports drinks and tonic water are often suggested for cramps. None has been "
                "shown to prevent or stop cramps in pregnancy. Extra salt is unwise if your blood pressure "
                "is raised, and sports drinks add sugar you do not need.\n\n"
                "**Do not take quinine.** The bitter ingredient of tonic water, once prescribed for night "
                "cramps, can harm an unborn baby, and it is no longer a routine treatment for cramps even "
                "outside pregnancy.",
                False,
            ),
            (
                "When to see a doctor",
                "An ordinary cramp eases within minutes, even if the muscle aches afterwards. A clot in a "
                "leg vein (deep vein thrombosis) is more likely in pregnancy and in the weeks after the "
                "birth: it needs treatment as soon as it is found, and a clot that moves to the lungs is "
                "an emergency.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, CLOT_IN_LUNGS),
            (
                HOSPITAL_NOW,
                "One calf that stays painful, swollen or tender after the cramp should have passed, or "
                "feels warm, or looks red or darker than the other leg: a possible clot in a vein (deep "
                "vein thrombosis).",
            ),
            (NEXT_VISIT, "Cramps so frequent that they stop you sleeping night after night."),
        ],
        sources=[
            nhs("Leg cramps", "leg-cramps"),
            COCHRANE_CRAMPS,
            MHRA_QUININE,
            MOHFW_CALCIUM,
            NHS_DVT,
            WHO_ANC,
        ],
    ),
    DemoArticle(
        slug="morning-sickness",
        title="Morning sickness: nausea and vomiting in early pregnancy",
        standfirst="Feeling sick, with or without vomiting, affects most women in early pregnancy and can "
        "strike at any time of day. What helps, how long it usually lasts and when it needs treatment.",
        topics=["symptoms", "first-trimester", "nutrition"],
        sections=[
            (
                "What is morning sickness?",
                "Morning sickness is the nausea, and sometimes vomiting, of early pregnancy. Despite the "
                "name it can last all day or come in the evening.\n\n"
                "It is very common: most pregnant women feel sick at some point in the first trimester. "
                "It is unpleasant, but in most pregnancies it does not harm the baby.",
                False,
            ),
            (
                "When does it start and stop?",
                "It usually begins around the sixth week of pregnancy. For most women it settles by 16 to "
                "20 weeks. For some it lasts longer, occasionally for the whole pregnancy: that does not "
                "mean anything is wrong with the baby, but tell your doctor, because treatment can help.",
                False,
            ),
            (
                "What can I do to feel better?",
                "- Eat **small amounts often** rather than three big meals; an empty stomach makes nausea "
                "worse.\n"
                "- Keep something plain by the bed, such as dry toast, khakhra or biscuits, and eat a little "
                "before you get up.\n"
                "- Sip water, coconut water or buttermilk through the day instead of drinking a lot at once.\n"
                "- Foods and drinks containing **ginger** help some women.\n"
                "- Avoid the smells and foods that set you off, and ask someone else to cook if you can.\n"
                "- Rest: tiredness makes nausea worse.",
                False,
            ),
            (
                "Are there safe medicines for it?",
                "Yes. If changes to what and when you eat are not enough, a doctor can prescribe an "
                "anti-sickness medicine that is known to be safe in pregnancy. Do not take any medicine for "
                "nausea without asking your doctor first.\n\n"
                "If your pregnancy vitamins seem to make the sickness worse, ask whether you can take them "
                "at night or switch for a while; folic acid in the first trimester still matters.",
                False,
            ),
            (
                "What is hyperemesis gravidarum?",
                "A small number of women have a severe form called **hyperemesis gravidarum**: vomiting so "
                "often that they cannot keep food or fluids down. It can lead to dehydration and weight loss, "
                "and it needs medical care, sometimes in hospital with fluids given through a drip. It is not "
                "caused by anything you did, and it can be treated.",
                False,
            ),
            (
                "When to see a doctor",
                "Sickness that still lets you keep fluids down is miserable but not dangerous. Dehydration "
                "is: the signs below mean you need to be seen, and treatment, sometimes a drip in hospital, "
                "works quickly.",
                True,
            ),
        ],
        red_flags=[
            (HOSPITAL_NOW, "You vomit blood."),
            (
                HOSPITAL_NOW,
                "You feel faint or collapse when you stand up, or you have passed no urine for 8 hours or more.",
            ),
            (HOSPITAL_NOW, "You have not kept any food or drink down for 24 hours."),
            (HOSPITAL_NOW, "Pain in your tummy, or a fever, with the vomiting."),
            (WITHIN_24_HOURS, "Very dark urine, or you are losing weight."),
            (
                NEXT_VISIT,
                "Sickness that wears you down even though you keep fluids down: safe medicines can help.",
            ),
        ],
        sources=[
            nhs("Vomiting and morning sickness", "vomiting-and-morning-sickness"),
            acog(
                "Morning sickness: nausea and vomiting of pregnancy",
                "morning-sickness-nausea-and-vomiting-of-pregnancy",
            ),
            Src(
                "Nausea/vomiting in pregnancy (Clinical Knowledge Summary)",
                NICE,
                "https://cks.nice.org.uk/topics/nausea-vomiting-in-pregnancy/",
            ),
        ],
    ),
    DemoArticle(
        slug="heartburn-in-pregnancy",
        title="Heartburn and indigestion in pregnancy",
        standfirst="A burning feeling behind the breastbone after meals is common, especially later in "
        "pregnancy. Why it happens and simple changes that bring relief.",
        topics=["symptoms", "second-trimester", "third-trimester", "nutrition"],
        sections=[
            (
                "What does heartburn feel like?",
                "Heartburn is a burning feeling in the chest, behind the breastbone, often after eating or "
                "when you lie down. You may also feel full quickly, bloated, or taste acid at the back of "
                "your throat. It can happen at any stage but is most common from the second trimester.",
                False,
            ),
            (
                "Why does pregnancy cause it?",
                "Pregnancy hormones relax the ring of muscle at the top of the stomach, so acid rises more "
                "easily into the food pipe. Later, the growing womb presses on the stomach and pushes its "
                "contents upwards. Both are normal changes and heartburn usually settles after the birth.",
                False,
            ),
            (
                "What can I change to prevent it?",
                "- Eat **smaller meals more often**, and eat slowly.\n"
                "- Finish your evening meal **at least three hours before bed**.\n"
                "- Notice which foods trigger it; spicy, fried and fatty food, tea, coffee and fizzy drinks "
                "are common culprits.\n"
                "- Sit upright while you eat and for a while afterwards; avoid bending or lying down just "
                "after a meal.\n"
                "- Raise the head end of your bed, or use an extra pillow to prop up your upper body.",
                False,
            ),
            (
                "Can I take an antacid?",
                "Some antacids and alginate medicines are safe in pregnancy, but ask your doctor or "
                "pharmacist which one to take and how much. Antacids can stop iron tablets being absorbed, "
                "so take them at different times of day. Do not use baking soda (sodium bicarbonate) as a "
                "home remedy.",
                False,
            ),
            (
                "When to see a doctor",
                "Heartburn is uncomfortable but not dangerous. Pain high in the tummy can, however, be a "
                "sign of pre-eclampsia, a condition of high blood pressure that can start in the second "
                "half of pregnancy or in the weeks after the birth, and it needs a blood pressure and urine "
                "check straight away.",
                True,
            ),
        ],
        red_flags=[
            (
                HOSPITAL_NOW,
                "Strong pain just below your ribs, especially on the right, with or without heartburn.",
            ),
            (HOSPITAL_NOW, "A severe headache, blurred vision or flashing lights."),
            (HOSPITAL_NOW, "Sudden swelling of your face, hands or feet."),
            (
                NEXT_VISIT,
                "Heartburn that does not improve with these changes, stops you eating properly or makes you "
                "lose weight.",
            ),
        ],
        sources=[
            nhs("Indigestion and heartburn", "indigestion-and-heartburn"),
            NHS_PRE_ECLAMPSIA,
            NICE_HYPERTENSION,
            WHO_ANC,
        ],
    ),
    DemoArticle(
        slug="back-pain-in-pregnancy",
        title="Back pain in pregnancy",
        standfirst="Most pregnant women have an aching back at some point. How posture, lifting and exercise "
        "help, which pain relief is safe, and when back pain may mean labour.",
        topics=["symptoms", "second-trimester", "third-trimester", "labour-and-birth"],
        sections=[
            (
                "Why does my back hurt?",
                "During pregnancy, hormones soften the ligaments that hold your joints, ready for birth. "
                "That puts more strain on the lower back and pelvis. As the bump grows, your balance shifts "
                "forward and you tend to lean back to compensate, which loads the same muscles even more.",
                False,
            ),
            (
                "How can I protect my back day to day?",
                "- Bend your **knees**, not your back, when you pick something up, and keep it close.\n"
                "- Avoid lifting heavy things; carry shopping in two balanced bags.\n"
                "- Wear flat, supportive footwear.\n"
                "- Sit with your back supported; a small cushion behind your lower back helps.\n"
                "- Turn your whole body rather than twisting your spine.\n"
                "- Get plenty of rest, especially later in pregnancy.",
                False,
            ),
            (
                "Which exercises help?",
                "Gentle, regular exercise strengthens the muscles that support your back. Walking, swimming "
                "and antenatal yoga or exercise classes led by a trained teacher are good choices. A "
                "physiotherapist can show you exercises to strengthen your stomach and back muscles, and "
                "some women find a support belt helpful.",
                False,
            ),
            (
                "What pain relief can I take?",
                PAINKILLERS + "\n\nA warm (not hot) compress or a massage can also ease the ache.",
                False,
            ),
            (
                "Could back pain be a sign of labour?",
                "Yes. Low back pain that comes and goes in a regular rhythm, getting stronger and closer "
                "together, can be a sign of labour, especially with a tightening bump, a show of mucus or "
                "your waters breaking. Before 37 weeks this may be premature labour: contact your hospital "
                "at once.",
                False,
            ),
            (
                "When to see a doctor",
                "Most back pain in pregnancy comes from the changes described above and eases with care. "
                "The signs below point to something else: labour starting early, an infection, or pressure "
                "on the nerves in the spine.",
                True,
            ),
        ],
        red_flags=[
            (HOSPITAL_NOW, "Bleeding from the vagina, or fluid leaking."),
            (HOSPITAL_NOW, "Regular tightening or period-like pains before 37 weeks: possible early labour."),
            (
                HOSPITAL_NOW,
                "Back pain with a fever, or pain in one side just under the ribs: possible kidney infection.",
            ),
            (
                HOSPITAL_NOW,
                "Numbness or tingling in your legs, buttocks or between your legs, or trouble passing urine "
                "or controlling your bowels.",
            ),
            (WITHIN_24_HOURS, "Pain or burning when you pass urine."),
            (NEXT_VISIT, "Back pain that stops you doing everyday things: ask to see a physiotherapist."),
        ],
        sources=[
            nhs("Back pain", "back-pain"),
            acog("Back pain during pregnancy", "back-pain-during-pregnancy"),
            FDA_NSAIDS,
            NHS_PARACETAMOL,
            WHO_ANC,
        ],
    ),
    DemoArticle(
        slug="swollen-feet-and-ankles",
        title="Swollen feet and ankles in pregnancy",
        standfirst="Some swelling of the feet and ankles is normal, especially in hot weather and late in "
        "the day. What helps, and the kinds of swelling that need a hospital straight away.",
        topics=["symptoms", "third-trimester"],
        sections=[
            (
                "Why do my feet swell?",
                "Your body holds more water during pregnancy, and the growing womb slows the return of blood "
                "from your legs. The extra fluid gathers at the lowest point, so feet and ankles swell, "
                "mostly towards the end of the day and in the third trimester.",
                False,
            ),
            (
                "What makes it worse?",
                "- hot weather\n"
                "- standing for a long time\n"
                "- sitting with your feet down or crossed for hours, for example on a long journey\n"
                "- tight footwear, socks or anklets",
                False,
            ),
            (
                "How can I reduce the swelling?",
                "- Put your feet up when you can, ideally above the level of your hips.\n"
                "- Walk a little every hour, and move your ankles in circles when you sit.\n"
                "- Drink plenty of water; it helps your body get rid of extra fluid.\n"
                "- Wear comfortable, roomy shoes.\n"
                "- Ask your doctor whether compression stockings would help you.\n"
                "- Lie on your side when you rest.",
                False,
            ),
            (
                "Is swelling a sign of pre-eclampsia?",
                "Gentle swelling of the feet and ankles on its own is common and harmless. Swelling that "
                "comes on **suddenly**, or that affects the face and hands, can be a sign of pre-eclampsia, "
                "a condition of high blood pressure in pregnancy. That is why your blood pressure and urine "
                "are checked at every antenatal visit: keep to your appointments.\n\n"
                "Pre-eclampsia can also start in the first weeks after the birth, so the same signs still "
                "matter then.",
                False,
            ),
            (
                "When to see a doctor",
                "Swelling that builds up through the day and goes down overnight is normal. Swelling that "
                "comes on suddenly, or comes with the signs below, is not.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, CLOT_IN_LUNGS),
            *PRE_ECLAMPSIA_SIGNS,
            (HOSPITAL_NOW, CLOT_IN_LEG),
            (NEXT_VISIT, "Swelling of both ankles that goes down when you rest with your feet up."),
        ],
        sources=[
            nhs("Swollen ankles, feet and fingers", "swollen-ankles-feet-and-fingers"),
            NHS_PRE_ECLAMPSIA,
            ACOG_PREECLAMPSIA,
            NICE_HYPERTENSION,
            NHS_DVT,
        ],
    ),
    DemoArticle(
        slug="constipation-in-pregnancy",
        title="Constipation in pregnancy",
        standfirst="Hard stools and fewer trips to the toilet are common from early pregnancy. The food, "
        "fluids and movement that help, and which remedies are safe.",
        topics=["symptoms", "first-trimester", "nutrition"],
        sections=[
            (
                "Why does pregnancy cause constipation?",
                "Pregnancy hormones relax the muscles of the bowel, so food moves through more slowly and "
                "more water is absorbed from it. Iron tablets can make stools harder too. Later, the growing "
                "womb presses on the bowel.",
                False,
            ),
            (
                "Which foods help?",
                "Eat plenty of **fibre**, which keeps stools soft:\n\n"
                "- whole grains: whole-wheat roti, brown rice, oats, millets such as ragi and jowar\n"
                "- pulses: dal, rajma, chana\n"
                "- fruit and vegetables every day, including fruit with the skin on\n\n"
                "Add fibre gradually over a week or two, so it does not make you bloated.",
                False,
            ),
            (
                "How much should I drink and move?",
                "Drink water regularly through the day; fibre works only with enough fluid. Stay active: a "
                "daily walk helps the bowel as well as your general health. Go to the toilet when you feel "
                "the urge rather than putting it off, and try resting your feet on a low stool to raise your "
                "knees while you sit.",
                False,
            ),
            (
                "Are laxatives safe?",
                "If diet and fluids are not enough, the World Health Organization suggests fibre supplements "
                "such as wheat bran. Some gentle laxatives are safe in pregnancy, but ask your doctor before "
                "you take one. If your iron tablets seem to be the cause, your doctor may suggest a different "
                "preparation; do not simply stop them.",
                False,
            ),
            (
                "When to see a doctor",
                "Constipation is common and rarely serious, but pain and bleeding need a doctor to look for "
                "other causes.",
                True,
            ),
        ],
        red_flags=[
            (
                HOSPITAL_NOW,
                "Severe or constant pain in your tummy, or vomiting with no stools and no wind at all.",
            ),
            (WITHIN_24_HOURS, "Blood in your stools or on the paper."),
            (
                NEXT_VISIT,
                "Constipation that lasts despite these changes, or painful swellings around the back passage "
                "(piles).",
            ),
        ],
        sources=[nhs("Constipation", "constipation"), WHO_ANC, NICE_ANC],
    ),
    DemoArticle(
        slug="tiredness-in-pregnancy",
        title="Tiredness and fatigue in pregnancy",
        standfirst="Feeling exhausted is common in the first and last months of pregnancy. Why it happens, "
        "how to save your energy, and why the iron and calcium tablets and a blood test for anaemia matter.",
        topics=["symptoms", "first-trimester", "sleep-and-wellbeing", "nutrition"],
        sections=[
            (
                "Why am I so tired?",
                "In the first trimester, rising hormones and the work of building the placenta leave many "
                "women exhausted, sometimes before they know they are pregnant. Energy often returns in the "
                "second trimester. Near the end, carrying the extra weight and broken sleep bring the "
                "tiredness back.",
                False,
            ),
            (
                "Could it be anaemia?",
                "Anaemia, a shortage of red blood cells usually caused by too little iron, is common in "
                "pregnancy and especially common in India. It makes you tired, breathless and pale. Your "
                "haemoglobin is checked at your first antenatal visit and again later in pregnancy; if it "
                "is low, your doctor will treat it, usually with more iron.",
                False,
            ),
            (
                "Which tablets and foods help?",
                "In India every pregnant woman is offered these, free at government health centres:\n\n"
                "- **Iron and folic acid:** one tablet a day (60 mg of iron with 500 mcg of folic acid) "
                "from the second trimester, for at least 180 days of pregnancy, and again for 180 days after "
                "the birth.\n"
                "- **Calcium:** 500 mg twice a day from 14 weeks until 6 months after the birth. Take it with "
                "a different meal from the iron tablet, because calcium taken at the same time stops some of "
                "the iron being absorbed.\n\n"
                "For food, choose iron-rich dishes that do not push up your blood sugar: green leafy "
                "vegetables such as palak, methi and sarson, pulses, chana and sprouts, ragi and bajra, and "
                "eggs, fish, chicken or meat if you eat them. Fruit rich in vitamin C, such as amla, guava "
                "or orange, helps your body take up the iron; tea or coffee with meals makes it harder.\n\n"
                "Jaggery (gur) is mostly sugar and gives little iron your body can use, so do not count it "
                "as an iron source. Sugar matters too: diabetes in pregnancy is common in India.",
                False,
            ),
            (
                "How can I manage my energy?",
                "- Rest when you can, even for 15 minutes; lie down at lunchtime if work allows.\n"
                "- Go to bed earlier, and keep a regular bedtime.\n"
                "- Eat regular meals and snacks so your energy does not dip.\n"
                "- Keep gently active: a short walk often leaves you less tired, not more.\n"
                "- Accept offers of help with cooking, shopping and housework.",
                False,
            ),
            (
                "Is it normal to feel low as well?",
                "Feeling tired and emotional at times is common. But if you feel down or hopeless most days, "
                "lose interest in things, or feel anxious all the time, tell your doctor within a day, "
                "without waiting for your next check-up. Low mood and anxiety in pregnancy are common and "
                "treatable, and asking for help is the right thing to do.\n\n"
                "**If you have thoughts of harming yourself or of ending your life, get help now.** Tell "
                "someone you trust, and call Tele-MANAS on [14416](tel:14416): it is free, open day and "
                "night, and answers in many Indian languages. If you feel you might act on these thoughts, "
                "call [108](tel:108) or go to the nearest hospital.",
                False,
            ),
            (
                "When to see a doctor",
                "Tiredness on its own is part of pregnancy. Breathlessness, a racing heart and paleness can "
                "mean anaemia that needs treatment. Thoughts of harming yourself need help at once: go to the "
                "nearest hospital or call Tele-MANAS on [14416](tel:14416), and call [108](tel:108) if you "
                "feel you might act on them.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, "You feel you might act on thoughts of ending your life or harming yourself."),
            (CALL_108, "Sudden breathlessness or pain in your chest."),
            (
                HOSPITAL_NOW,
                "Thoughts of harming yourself or of ending your life, even if you do not think you would act "
                "on them. If you cannot get to a hospital, call Tele-MANAS on 14416 (free, at any hour).",
            ),
            (
                HOSPITAL_NOW,
                "You get breathless at rest or doing little, your heart races or pounds, or you feel faint.",
            ),
            (WITHIN_24_HOURS, "You look very pale, or tire far more than usual: ask for a haemoglobin test."),
            (
                WITHIN_24_HOURS,
                "Feeling low, hopeless or anxious most days for two weeks or more, or low mood that is getting "
                "worse. To talk to someone now, call Tele-MANAS on 14416 (free, at any hour).",
            ),
            (NEXT_VISIT, "Tiredness that stops you managing daily life."),
        ],
        sources=[
            nhs("Tiredness", "tiredness"),
            NHM_ANAEMIA,
            MOHFW_CALCIUM,
            ICMR_NIN_DIET,
            MOHFW_GDM,
            TELE_MANAS,
            NICE_MENTAL_HEALTH,
            NICE_ANC,
        ],
    ),
    DemoArticle(
        slug="headaches-in-pregnancy",
        title="Headaches in pregnancy",
        standfirst="Headaches are common in early pregnancy and usually harmless. What eases them, which "
        "painkiller is suitable, and the headaches that need a hospital straight away.",
        topics=["symptoms", "first-trimester", "sleep-and-wellbeing"],
        sections=[
            (
                "Why do I get headaches now?",
                "Headaches are common in the first weeks, when hormone levels change quickly. Tiredness, "
                "hunger, not drinking enough, stress and cutting down on tea or coffee can all bring one on.",
                False,
            ),
            (
                "What can I do without medicine?",
                "- Drink water regularly and do not skip meals.\n"
                "- Rest in a quiet, dark room.\n"
                "- Get fresh air and some gentle exercise.\n"
                "- Relax tense neck and shoulder muscles with a warm shower or a gentle massage.\n"
                "- Keep a regular sleep routine.",
                False,
            ),
            (
                "Which painkillers are safe?",
                PAINKILLERS + "\n\nSome women take low-dose aspirin on their doctor's advice to lower the "
                "risk of pre-eclampsia; that is a different use, and it should not be stopped or changed "
                "without asking.",
                False,
            ),
            (
                "When is a headache serious?",
                "A severe headache in the second half of pregnancy (after 20 weeks) can be a sign of "
                "pre-eclampsia, above all with problems with your vision or sudden swelling. Pre-eclampsia "
                "can become dangerous for you and the baby quickly, so do not wait to see whether rest or "
                "paracetamol helps: go to hospital now to have your blood pressure and urine checked. Only "
                "a mild headache can be tried with rest, water and paracetamol first.\n\n"
                "Pre-eclampsia can also begin in the first weeks after the birth, so a severe headache then "
                "needs the same urgent check.",
                False,
            ),
            (
                "When to see a doctor",
                "These signs matter from 20 weeks of pregnancy and for several weeks after the birth, when "
                "pre-eclampsia can also start.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, "A fit (seizure), or a sudden, very severe headache, the worst you have ever had."),
            *PRE_ECLAMPSIA_SIGNS,
            (HOSPITAL_NOW, "Vomiting with a headache in the second half of pregnancy."),
            (NEXT_VISIT, "Frequent headaches, or migraines that change in pregnancy."),
        ],
        sources=[
            nhs("Headaches", "headaches"),
            NHS_PRE_ECLAMPSIA,
            NICE_HYPERTENSION,
            FDA_NSAIDS,
            NHS_PARACETAMOL,
        ],
    ),
    DemoArticle(
        slug="bleeding-gums-in-pregnancy",
        title="Bleeding gums in pregnancy",
        standfirst="Gums that bleed when you brush are common in pregnancy. How to care for your teeth and "
        "gums, and why a dental check-up is safe and worthwhile.",
        topics=["symptoms", "first-trimester", "second-trimester"],
        sections=[
            (
                "Why do my gums bleed?",
                "Pregnancy hormones make the gums react more strongly to plaque, the sticky layer of germs "
                "on teeth. They can become swollen, red and bleed when you brush or floss. This is called "
                "pregnancy gingivitis, and it is common.",
                False,
            ),
            (
                "How should I look after my teeth?",
                "- Brush twice a day for two minutes with a fluoride toothpaste, including along the gum "
                "line.\n"
                "- Clean between your teeth every day with floss or interdental brushes.\n"
                "- Keep sugary food and drinks to mealtimes.\n"
                "- Spit out the toothpaste after brushing but do not rinse straight away, so the fluoride "
                "keeps working.",
                False,
            ),
            (
                "What if I am being sick?",
                "Stomach acid softens tooth enamel. After vomiting, rinse your mouth with plain water, and "
                "wait about an hour before you brush so the enamel can harden again. If the taste of "
                "toothpaste makes you feel sick, try a mild-flavoured one.",
                False,
            ),
            (
                "Is it safe to see a dentist while pregnant?",
                "Yes. A check-up and cleaning are safe at any stage of pregnancy, and treating gum disease "
                "is good for your health. Tell the dentist you are pregnant so they can plan X-rays and "
                "medicines accordingly.",
                False,
            ),
            (
                "When to see a doctor",
                "Gums that bleed a little when you brush are common in pregnancy. An infection needs a "
                "dentist soon, and bleeding elsewhere that you cannot explain needs a blood test.",
                True,
            ),
        ],
        red_flags=[
            (WITHIN_24_HOURS, "Gums that bleed a lot, or bleeding that does not stop."),
            (WITHIN_24_HOURS, "Bruises or nosebleeds that you cannot explain."),
            (
                WITHIN_24_HOURS,
                "A painful swelling in your mouth or on your gum, or toothache with a bad taste.",
            ),
            (NEXT_VISIT, "Gums that bleed a little when you brush, or a tooth that feels loose."),
        ],
        sources=[
            nhs("Bleeding gums", "bleeding-gums"),
            Src(
                "Oral health care during pregnancy and through the lifespan (Committee Opinion 569)",
                ACOG,
                "https://www.acog.org/clinical/clinical-guidance/committee-opinion/articles/2013/08/"
                "oral-health-care-during-pregnancy-and-through-the-lifespan",
                D(2013, 8, 1),
            ),
        ],
    ),
    DemoArticle(
        slug="stretch-marks-in-pregnancy",
        title="Stretch marks in pregnancy",
        standfirst="Most women get some stretch marks in pregnancy. Why they appear, what creams can and "
        "cannot do, and the kind of itching to tell your doctor about within 24 hours.",
        topics=["symptoms", "second-trimester", "third-trimester"],
        sections=[
            (
                "What are stretch marks?",
                "Stretch marks are streaks in the skin, often on the tummy, breasts, hips or thighs, that "
                "appear as the skin stretches quickly. At first they may be pink, red, purple or dark brown, "
                "depending on your skin tone. Most women get some during pregnancy.",
                False,
            ),
            (
                "Why do some women get more than others?",
                "How much your skin stretches matters, but so do your genes: if your mother had them, you "
                "are more likely to. Gaining weight quickly and carrying a large bump or twins also make "
                "them more likely.",
                False,
            ),
            (
                "Can creams or oils prevent them?",
                "No cream or oil has been shown to prevent stretch marks. Moisturising can ease dry, itchy "
                "skin, so use a plain, unperfumed moisturiser if it helps. Avoid creams that contain "
                "retinoids (vitamin A medicines such as tretinoin) during pregnancy.",
                False,
            ),
            (
                "Which itching is a warning sign?",
                "Itching **without a rash**, especially on the palms of the hands and the soles of the feet "
                "and often worse at night, can be a sign of obstetric cholestasis (intrahepatic cholestasis "
                "of pregnancy), a liver condition of pregnancy that needs a blood test and closer care of "
                "the baby. It is about twice as common in women of Indian or Pakistani origin as in the "
                "population as a whole: about 1.2 to 1.5 in every 100 pregnancies, against 0.7 in 100. Tell "
                "your doctor within 24 hours if you have it.",
                False,
            ),
            (
                "Will they go away?",
                "They usually fade after the birth and, over months, become pale or silvery lines that are "
                "much less noticeable. They rarely disappear completely.",
                False,
            ),
            (
                "When to see a doctor",
                "Stretch marks themselves are harmless. Itching without a rash is different: it needs a "
                "blood test within a day.",
                True,
            ),
        ],
        red_flags=[
            (
                WITHIN_24_HOURS,
                "Itching without a rash, especially on the palms of your hands or the soles of your feet, "
                "often worse at night: a possible sign of obstetric cholestasis.",
            ),
            (WITHIN_24_HOURS, "A rash that spreads or blisters."),
            (NEXT_VISIT, "Dry, itchy skin over stretch marks that a plain moisturiser does not soothe."),
        ],
        sources=[
            nhs("Stretch marks", "stretch-marks"),
            Src(
                "Itching and intrahepatic cholestasis of pregnancy",
                "NHS",
                "https://www.nhs.uk/pregnancy/related-conditions/complications/intrahepatic-cholestasis-of-pregnancy/",
            ),
            RCOG_CHOLESTASIS,
        ],
    ),
    DemoArticle(
        slug="sleep-in-pregnancy",
        title="Sleeping well in pregnancy",
        standfirst="Sleep often gets harder as pregnancy goes on. Why, the safest position in the third "
        "trimester, and practical ways to rest better.",
        topics=["third-trimester", "sleep-and-wellbeing"],
        sections=[
            (
                "Why is it hard to sleep?",
                "Many things can wake you: needing to pass urine, heartburn, leg cramps, an aching back or "
                "hips, the baby moving, and worry about the birth. Finding a comfortable position with a "
                "large bump is hard in itself.",
                False,
            ),
            (
                "Which position is best?",
                "From 28 weeks, **go to sleep on your side**, left or right. Research has linked going to "
                "sleep on your back in the third trimester with a higher risk of stillbirth, because lying "
                "on your back presses on the large blood vessels that supply the womb.\n\n"
                "If you wake up on your back, do not worry: just turn onto your side again. Use the same "
                "position for daytime naps.",
                False,
            ),
            (
                "What can help me sleep better?",
                "- Put a pillow between your knees and another under your bump.\n"
                "- Keep regular times for going to bed and getting up.\n"
                "- Cut down on tea, coffee and cola, especially after midday.\n"
                "- Drink most of your fluids earlier in the day.\n"
                "- Avoid screens for an hour before bed; a warm bath or reading may help you unwind.\n"
                "- Gentle exercise in the day helps you sleep at night.",
                False,
            ),
            (
                "Can I take something to help me sleep?",
                "Do not take sleeping tablets or herbal remedies without asking your doctor. If "
                "heartburn, cramps or an itch keep you awake, treating that problem usually helps sleep "
                "more than anything else.",
                False,
            ),
            (
                "When to see a doctor",
                "Broken sleep is part of pregnancy for most women. A change in your baby's movements is "
                "different: it is a reason to be checked straight away, even in the middle of the night.",
                True,
            ),
        ],
        red_flags=[
            (
                HOSPITAL_NOW,
                "Your baby moving less than usual, or a change in the pattern of movements: do not wait "
                "until the morning.",
            ),
            (WITHIN_24_HOURS, "Itching at night, especially on your hands and feet, without a rash."),
            (NEXT_VISIT, "Lack of sleep that is making you feel low or anxious."),
            (NEXT_VISIT, "Loud snoring with pauses in your breathing that someone notices."),
            (
                NEXT_VISIT,
                "An urge to move your legs in the evening that keeps you awake (restless legs can be linked "
                "to low iron).",
            ),
        ],
        sources=[nhs("Sleep problems", "sleep-problems"), NHS_MOVEMENTS, RCOG_MOVEMENTS, NICE_ANC],
    ),
    DemoArticle(
        slug="pelvic-pain-in-pregnancy",
        title="Pelvic girdle pain in pregnancy",
        standfirst="Pain at the front or back of the pelvis, often worse when walking or turning in bed, is "
        "common and treatable. How to move more comfortably and when to get help.",
        topics=["symptoms", "second-trimester", "third-trimester", "labour-and-birth"],
        sections=[
            (
                "What is pelvic girdle pain?",
                "Pelvic girdle pain, sometimes called symphysis pubis dysfunction (SPD), is pain in the "
                "joints of the pelvis. You may feel it over the pubic bone at the front, across one or both "
                "sides of your lower back, or in the area between your vagina and back passage. It can start "
                "at any stage of pregnancy.",
                False,
            ),
            (
                "Why does it happen?",
                "Pregnancy hormones loosen the ligaments of the pelvis, and the joints may move unevenly. "
                "The growing weight of the baby and changes in posture add to the strain. It is more likely "
                "if you have had back or pelvic problems before.",
                False,
            ),
            (
                "What makes it worse?",
                "The pain typically gets worse when you:\n\n"
                "- walk, especially long distances\n"
                "- climb stairs\n"
                "- stand on one leg, for example to put on clothes\n"
                "- turn over in bed, or move your legs apart, such as when getting out of a car",
                False,
            ),
            (
                "What helps?",
                "- Ask your doctor to refer you to a **physiotherapist**, who can treat the joints and show "
                "you exercises.\n"
                "- Keep your knees together when you get in or out of bed or a car.\n"
                "- Sit down to dress and undress.\n"
                "- Take stairs one step at a time.\n"
                "- Avoid lifting heavy things and standing for long.\n"
                "- Sleep with a pillow between your legs.\n\n"
                "Pelvic girdle pain does not stop you having a vaginal birth. Tell the team caring for you "
                "at the birth, so they can help you find comfortable positions.",
                False,
            ),
            (
                "When to see a doctor",
                "Pelvic girdle pain is uncomfortable but not dangerous for you or the baby. Pain that comes "
                "with the signs below has other causes that need checking.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, "Heavy bleeding, or severe pain with fainting, dizziness or collapse."),
            (HOSPITAL_NOW, "Any bleeding from the vagina with pain."),
            (HOSPITAL_NOW, "Severe or constant pain in your tummy, or pain with a fever."),
            (HOSPITAL_NOW, "Regular tightening or period-like pains before 37 weeks."),
            (
                CALL_108,
                "In early pregnancy, sudden very severe pain in your tummy, or pain on one side with fainting: "
                "a possible burst ectopic pregnancy.",
            ),
            (
                HOSPITAL_NOW,
                "In early pregnancy, sharp pain on one side of your lower tummy, or pain in the tip of your "
                "shoulder: a possible ectopic pregnancy.",
            ),
            (WITHIN_24_HOURS, "Pain or burning when you pass urine."),
            (
                NEXT_VISIT,
                "Pelvic pain that makes walking, stairs or turning in bed hard: ask to see a physiotherapist.",
            ),
        ],
        sources=[nhs("Pelvic pain", "pelvic-pain"), NICE_EARLY_PREGNANCY, WHO_ANC, NICE_ANC],
    ),
    DemoArticle(
        slug=DANGER_SIGNS_SLUG,
        title="Danger signs in pregnancy: when to go to hospital at once",
        standfirst="The Mother and Child Protection card lists the signs that mean a pregnant woman needs a "
        "hospital straight away. Know them, and the signs that still matter after the birth, and know how you "
        "will get there.",
        topics=["symptoms", "second-trimester", "third-trimester", "labour-and-birth"],
        sections=[
            (
                "Which signs are danger signs?",
                "India's Mother and Child Protection (MCP) card, which you are given when you register your "
                "pregnancy, lists the danger signs. Any one of them means: go to a hospital with a maternity "
                "unit at once, whatever the time.\n\n"
                "- bleeding from the vagina\n"
                "- fits (convulsions)\n"
                "- a severe headache, or blurred vision\n"
                "- a high fever\n"
                "- fluid leaking from the vagina\n"
                "- your baby moving less than usual, or not at all\n"
                "- breathlessness\n"
                "- swelling of your face and hands\n"
                "- severe pain in your tummy\n\n"
                "Two signs the card leaves out need a hospital at once too: pain just below your ribs, "
                "especially on the right, and one calf or leg that is painful, swollen, warm or red. The one "
                "exception to “at once” is light spotting without pain before 12 weeks, which is common and "
                "often harmless but still needs a call to your doctor today.",
                False,
            ),
            (
                "How do I get to hospital quickly?",
                "Call [108](tel:108) for an emergency ambulance. [102](tel:102) is a free ambulance for "
                "pregnant women under the Janani Shishu Suraksha Karyakram (JSSK): it takes you from home "
                "to a government hospital, between hospitals if you are referred, and home again. At a "
                "government hospital the delivery, a caesarean if you need one, medicines, tests, blood and "
                "food are free too. If you cannot get through, [112](tel:112) reaches every emergency "
                "service.\n\n"
                "Take your MCP card and any reports, and ask someone to come with you. Do not wait to see "
                "whether a danger sign settles, and do not wait for the morning.",
                False,
            ),
            (
                "Why does each sign matter?",
                "- **Bleeding or severe pain in the tummy:** the placenta may be coming away from the womb "
                "or lying low, or labour may be starting early. In early pregnancy it can mean a miscarriage "
                "or an ectopic pregnancy.\n"
                "- **Fits, a severe headache, blurred vision, pain just below the ribs, or swelling of the "
                "face and hands:** signs of pre-eclampsia and eclampsia, dangerously high blood pressure of "
                "pregnancy, which can also start in the weeks after the birth.\n"
                "- **High fever:** an infection, which needs treatment quickly for both of you.\n"
                "- **Leaking fluid:** your waters may have broken, which brings a risk of infection and of "
                "early labour.\n"
                "- **Fewer movements:** your baby may not be getting enough oxygen or food through the "
                "placenta.\n"
                "- **Breathlessness:** severe anaemia, a heart problem or a blood clot in the lungs.\n"
                "- **A painful, swollen calf or leg:** a blood clot in a deep vein, which is more likely in "
                "pregnancy and after the birth; if part of it breaks off, it can reach the lungs.",
                False,
            ),
            (
                "Which signs after the birth need a hospital?",
                "The six weeks after the birth have dangers of their own, whether your baby was born at "
                "home, in hospital or by caesarean. Some bleeding for a few weeks is normal, but it should "
                "slowly lessen.\n\n"
                "- **Heavy bleeding:** soaking a pad in an hour or less, or passing large clots. Call 108.\n"
                "- **A fever or shivering, or discharge from the vagina that smells bad:** an infection of "
                "the womb, which can spread to the blood (sepsis). Go to hospital now.\n"
                "- **Fits, a severe headache or blurred vision:** pre-eclampsia can start after the birth, "
                "even if your blood pressure was normal in pregnancy. Go to hospital now, and call 108 for "
                "fits.\n"
                "- **A painful, swollen calf, sudden breathlessness or pain in your chest:** the risk of a "
                "blood clot is at its highest in the weeks after the birth. Go to hospital now for the calf, "
                "and call 108 for breathlessness or chest pain.\n"
                "- **A red, painful, swollen area on a breast, or a caesarean wound or stitches that are "
                "red, leaking or coming apart:** see a doctor today; with a fever, go to hospital now.\n"
                "- **Feeling low, hopeless or anxious most days for two weeks or more:** depression after "
                "the birth is common and treatable; see a doctor within a day. Thoughts of harming yourself "
                "or your baby need help at once: go to hospital now, or call Tele-MANAS on 14416.\n\n"
                "Your ASHA visits you at home in the first weeks after the birth: tell her about any of these "
                "signs, and keep your check-ups after the birth.",
                False,
            ),
            (
                "How can I be ready before anything happens?",
                "- Save 108, 102 and the numbers of your ASHA, ANM and hospital in your phone.\n"
                "- Find out which nearby hospital can do a caesarean and give blood, and how you would get "
                "there at night.\n"
                "- Keep your MCP card, some money and a bag ready, and decide who will go with you.\n"
                "- Register your pregnancy early and go to every check-up. In the second and third "
                "trimesters (from the fourth month of pregnancy), government health facilities hold a free "
                "check-up by a doctor on the 9th of every month, or the next working day if the 9th is a "
                "Sunday or a holiday (Pradhan Mantri Surakshit Matritva Abhiyan, PMSMA).",
                False,
            ),
            (
                "When to see a doctor",
                "Every sign on the MCP card means a hospital at once, with one exception: light spotting "
                "without pain before 12 weeks needs a call to your doctor today. After the birth, a sore, red "
                "breast or a wound that is not healing needs a doctor today, and a hospital at once if you "
                "also have a fever. The signs under “Call 108 now” also mean you should not travel on your "
                "own.",
                True,
            ),
        ],
        red_flags=[
            (
                CALL_108,
                "Fits (convulsions), or fainting and not waking up properly, in pregnancy or after the birth.",
            ),
            (CALL_108, "Heavy bleeding from the vagina."),
            (CALL_108, "Severe breathlessness, pain in your chest, or coughing up blood."),
            (
                CALL_108,
                "After the birth, heavy bleeding from the vagina: soaking a pad in an hour or less, or "
                "passing large clots.",
            ),
            (
                HOSPITAL_NOW,
                "Bleeding from the vagina after 12 weeks, even if light, or bleeding with pain at any stage.",
            ),
            (
                HOSPITAL_NOW,
                "A severe headache, or blurred vision, in pregnancy or in the weeks after the birth.",
            ),
            (HOSPITAL_NOW, PAIN_BELOW_RIBS),
            (HOSPITAL_NOW, "A high fever."),
            (HOSPITAL_NOW, "Fluid leaking from the vagina."),
            (HOSPITAL_NOW, "Your baby moving less than usual, or not at all."),
            (HOSPITAL_NOW, "Breathlessness that is new or getting worse."),
            (HOSPITAL_NOW, "Swelling of your face and hands."),
            (HOSPITAL_NOW, "Severe pain in your tummy."),
            (HOSPITAL_NOW, CLOT_IN_LEG),
            (
                HOSPITAL_NOW,
                "After the birth, a fever or shivering, or discharge from the vagina that smells bad.",
            ),
            (
                HOSPITAL_NOW,
                "After the birth, thoughts of harming yourself or your baby. If you cannot get to a hospital, "
                "call Tele-MANAS on 14416 (free, at any hour).",
            ),
            (WITHIN_24_HOURS, "Light spotting without pain before 12 weeks: contact your doctor today."),
            (
                WITHIN_24_HOURS,
                "After the birth, without a fever: a red, painful, swollen area on a breast, or a caesarean "
                "wound or stitches that are red, leaking or coming apart.",
            ),
            (
                WITHIN_24_HOURS,
                "After the birth, feeling low, hopeless or anxious most days for two weeks or more.",
            ),
        ],
        sources=DANGER_SIGNS_SOURCES,
    ),
    DemoArticle(
        slug="reduced-baby-movements",
        title="Your baby's movements: when fewer movements need a check",
        standfirst="Feeling your baby move is a sign that your baby is well. If the movements slow down, "
        "stop or change, contact your maternity unit straight away, every time.",
        topics=["symptoms", "second-trimester", "third-trimester"],
        sections=[
            (
                "When will I start to feel my baby move?",
                "Most women first feel movements between 16 and 24 weeks, as flutters or bubbles that grow "
                "into kicks and rolls; in a first pregnancy it is often later in that range. Most women "
                "feel their baby by 20 weeks. If you have felt nothing by 24 weeks, tell your doctor.",
                False,
            ),
            (
                "How much should my baby move?",
                "There is no set number of kicks. Each baby has its own pattern of active and quiet times, "
                "so get to know your baby's. Movements do not slow down towards the end of pregnancy: they "
                "may feel different as space gets tight, but you should keep feeling your baby move right "
                "up to and during labour.",
                False,
            ),
            (
                "What should I do if my baby is moving less?",
                "Contact your maternity unit or go to hospital **straight away**, even at night. Do not "
                "wait until the next day or your next check-up, do not try to get the baby moving with a "
                "cold drink or food first, and do not rely on counting kicks.\n\n"
                "Fewer movements are often nothing serious, but they can be the first sign that a baby is "
                "unwell, and a check can find that in time. If it happens again, go again, every time.",
                False,
            ),
            (
                "Can I check the heartbeat myself at home?",
                "Do not use a home heartbeat monitor (Doppler) or a phone app to reassure yourself. A "
                "heartbeat can be heard even when a baby is unwell, and it is easy to mistake your own "
                "pulse for the baby's, so a reassuring sound can delay the check that matters.",
                False,
            ),
            (
                "What happens at the hospital?",
                "A doctor or midwife will ask about the movements, check your blood pressure and "
                "temperature, and listen to your baby's heartbeat, usually with a monitor (CTG) for at "
                "least 20 minutes after 28 weeks. You may have an ultrasound scan to check the baby's growth "
                "and the fluid around the baby.",
                False,
            ),
            (
                "When to see a doctor",
                "Fewer or changed movements need checking straight away, every time they happen.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, "Fewer movements together with bleeding or severe pain in your tummy."),
            (HOSPITAL_NOW, "Your baby moving less than usual, or the pattern of movements changing."),
            (HOSPITAL_NOW, "No movements at all."),
            (WITHIN_24_HOURS, "You have not felt your baby move at all by 24 weeks."),
        ],
        sources=[NHS_MOVEMENTS, RCOG_MOVEMENTS, MCP_CARD, NICE_ANC],
    ),
    DemoArticle(
        slug="bleeding-in-pregnancy",
        title="Bleeding in pregnancy",
        standfirst="Light spotting in early pregnancy is common and often harmless, but any bleeding needs "
        "checking, and heavy bleeding or bleeding later in pregnancy is an emergency.",
        topics=["symptoms", "first-trimester", "second-trimester", "third-trimester"],
        sections=[
            (
                "Is bleeding in pregnancy ever normal?",
                "Light bleeding or spotting in the first 12 weeks is common, and many women who have it go "
                "on to have a healthy pregnancy. It can happen as the pregnancy settles into the lining of "
                "the womb, or because the cervix (the neck of the womb) bleeds easily in pregnancy, for "
                "example after sex. Bleeding after 12 weeks is less common. At any stage, tell a doctor "
                "about any bleeding.",
                False,
            ),
            (
                "What can cause bleeding in early pregnancy?",
                "- the pregnancy settling into the lining of the womb\n"
                "- changes in the cervix, or an infection\n"
                "- a miscarriage, which often starts with bleeding and cramping pain\n"
                "- an ectopic pregnancy, growing outside the womb, usually in a fallopian tube: it can cause "
                "pain on one side, pain in the tip of the shoulder and fainting, and it is an emergency",
                False,
            ),
            (
                "What can cause bleeding later in pregnancy?",
                "- the cervix, especially after sex or an internal examination\n"
                "- a “show”, the plug of mucus streaked with blood that can come away as labour approaches\n"
                "- a placenta lying low in the womb (placenta praevia), which can cause sudden, painless, "
                "heavy bleeding\n"
                "- the placenta starting to come away from the wall of the womb (placental abruption), which "
                "usually causes constant pain, sometimes with little or no visible bleeding\n"
                "- labour starting early",
                False,
            ),
            (
                "What should I do while I get help?",
                "- Use a sanitary pad, not a tampon, and keep used pads to show the doctor.\n"
                "- Note when it started, how much there is, its colour and any pain.\n"
                "- Take your MCP card and reports with you.\n"
                "- If your blood group is Rh negative, say so: you may need an anti-D injection after "
                "bleeding.\n"
                "- Avoid sex until a doctor has checked you.",
                False,
            ),
            (
                "When to see a doctor",
                "Bleeding needs checking at any stage of pregnancy; how soon depends on how much there is "
                "and on the signs that come with it.",
                True,
            ),
        ],
        red_flags=[
            (CALL_108, "Heavy bleeding: soaking a pad in an hour or less, or passing clots."),
            (CALL_108, "Bleeding with fainting, dizziness or a racing heart."),
            (
                CALL_108,
                "In early pregnancy, sudden very severe pain in your tummy, or pain on one side with fainting: "
                "a possible burst ectopic pregnancy.",
            ),
            (
                HOSPITAL_NOW,
                "In early pregnancy, sharp pain on one side of your lower tummy, or pain in the tip of your "
                "shoulder: a possible ectopic pregnancy.",
            ),
            (HOSPITAL_NOW, "Any bleeding after 12 weeks of pregnancy, even if it is light."),
            (HOSPITAL_NOW, "Bleeding with pain or cramps in your tummy or back."),
            (HOSPITAL_NOW, "Bleeding with fluid leaking, or with regular tightenings."),
            (WITHIN_24_HOURS, "Light spotting without pain before 12 weeks: contact your doctor today."),
        ],
        sources=[
            nhs("Vaginal bleeding", "vaginal-bleeding"),
            acog("Bleeding during pregnancy", "bleeding-during-pregnancy"),
            NICE_EARLY_PREGNANCY,
            MCP_CARD,
            SAFE_MOTHERHOOD,
        ],
    ),
]

# Related articles, by slug.
RELATED = {
    "leg-cramps-in-pregnancy": ["sleep-in-pregnancy", "swollen-feet-and-ankles"],
    "morning-sickness": ["tiredness-in-pregnancy", "heartburn-in-pregnancy", "bleeding-gums-in-pregnancy"],
    "heartburn-in-pregnancy": ["morning-sickness", "sleep-in-pregnancy", "constipation-in-pregnancy"],
    "back-pain-in-pregnancy": ["pelvic-pain-in-pregnancy", "sleep-in-pregnancy"],
    "swollen-feet-and-ankles": ["headaches-in-pregnancy", DANGER_SIGNS_SLUG, "leg-cramps-in-pregnancy"],
    "constipation-in-pregnancy": ["heartburn-in-pregnancy", "tiredness-in-pregnancy"],
    "tiredness-in-pregnancy": ["sleep-in-pregnancy", "morning-sickness"],
    "headaches-in-pregnancy": ["swollen-feet-and-ankles", DANGER_SIGNS_SLUG, "tiredness-in-pregnancy"],
    "bleeding-gums-in-pregnancy": ["morning-sickness"],
    "stretch-marks-in-pregnancy": ["sleep-in-pregnancy"],
    "sleep-in-pregnancy": ["reduced-baby-movements", "leg-cramps-in-pregnancy", "back-pain-in-pregnancy"],
    "pelvic-pain-in-pregnancy": ["back-pain-in-pregnancy", "bleeding-in-pregnancy", "sleep-in-pregnancy"],
    DANGER_SIGNS_SLUG: ["bleeding-in-pregnancy", "reduced-baby-movements", "headaches-in-pregnancy"],
    "reduced-baby-movements": [DANGER_SIGNS_SLUG, "sleep-in-pregnancy"],
    "bleeding-in-pregnancy": [DANGER_SIGNS_SLUG, "pelvic-pain-in-pregnancy"],
}

FEATURED = {"morning-sickness", "leg-cramps-in-pregnancy", "sleep-in-pregnancy"}
