"""The demo library: original articles on common pregnancy symptoms, written for this project.

Facts follow the public guidance of the NHS, ACOG, WHO and NICE listed as each article's sources;
the wording is our own. Each article: (slug, title, standfirst, topic slugs, sections, sources), where
a section is (question, Markdown answer, is_doctor_callout) and a source is
(title, publisher, url, date or None).
"""

import datetime

D = datetime.date

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

WHO_ANC = (
    "WHO recommendations on antenatal care for a positive pregnancy experience",
    "World Health Organization",
    "https://www.who.int/publications/i/item/9789241549912",
    D(2016, 11, 28),
)
NICE_ANC = (
    "Antenatal care (NICE guideline NG201)",
    "National Institute for Health and Care Excellence",
    "https://www.nice.org.uk/guidance/ng201",
    D(2021, 8, 19),
)
NICE_HYPERTENSION = (
    "Hypertension in pregnancy: diagnosis and management (NICE guideline NG133)",
    "National Institute for Health and Care Excellence",
    "https://www.nice.org.uk/guidance/ng133",
    D(2019, 6, 25),
)
NHS_PRE_ECLAMPSIA = (
    "Pre-eclampsia: symptoms",
    "NHS",
    "https://www.nhs.uk/conditions/pre-eclampsia/symptoms/",
    None,
)
ACOG_PREECLAMPSIA = (
    "Preeclampsia and high blood pressure during pregnancy",
    "American College of Obstetricians and Gynecologists",
    "https://www.acog.org/womens-health/faqs/preeclampsia-and-high-blood-pressure-during-pregnancy",
    None,
)


def nhs(title, path):
    return (title, "NHS", f"https://www.nhs.uk/pregnancy/related-conditions/common-symptoms/{path}/", None)


def acog(title, path):
    return (
        title,
        "American College of Obstetricians and Gynecologists",
        f"https://www.acog.org/womens-health/faqs/{path}",
        None,
    )


ARTICLES = [
    (
        "leg-cramps-in-pregnancy",
        "Leg cramps in pregnancy",
        "Sudden, painful tightening in the calf, often at night, is common from the middle of pregnancy. "
        "Here is why it happens, how to stop a cramp and how to make the next one less likely.",
        ["symptoms", "second-trimester", "third-trimester"],
        [
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
                "The World Health Organization says magnesium, calcium or non-drug treatments can be tried, "
                "depending on what you prefer and what is available. Ask your doctor before you start any "
                "supplement, because the right dose depends on what you already take.",
                False,
            ),
            (
                "When to see a doctor",
                "Cramps come and go. See a doctor **the same day** if one calf:\n\n"
                "- stays painful, swollen or tender after the cramp should have passed\n"
                "- feels warm, or the skin looks red or darker than the other leg\n\n"
                "These can be signs of a blood clot in a vein (deep vein thrombosis), which is more likely "
                "in pregnancy and needs treatment quickly. Also see your doctor if cramps are frequent "
                "enough to stop you sleeping night after night.",
                True,
            ),
        ],
        [nhs("Leg cramps", "leg-cramps"), WHO_ANC],
    ),
    (
        "morning-sickness",
        "Morning sickness: nausea and vomiting in early pregnancy",
        "Feeling sick, with or without vomiting, affects most women in early pregnancy and can strike at any "
        "time of day. What helps, how long it usually lasts and when it needs treatment.",
        ["symptoms", "first-trimester", "nutrition"],
        [
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
                "It usually begins around the sixth week of pregnancy. For most women it eases between "
                "weeks 12 and 16, and by about week 20 it has gone. A few women feel sick for longer.",
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
                "See a doctor **urgently** if you:\n\n"
                "- cannot keep any food or drink down for 24 hours\n"
                "- pass very little dark urine, or none for 8 hours or more\n"
                "- feel dizzy or faint when you stand up\n"
                "- vomit blood, or have pain in your stomach or a fever\n"
                "- are losing weight",
                True,
            ),
        ],
        [
            nhs("Vomiting and morning sickness", "vomiting-and-morning-sickness"),
            acog(
                "Morning sickness: nausea and vomiting of pregnancy",
                "morning-sickness-nausea-and-vomiting-of-pregnancy",
            ),
            (
                "Nausea/vomiting in pregnancy (Clinical Knowledge Summary)",
                "National Institute for Health and Care Excellence",
                "https://cks.nice.org.uk/topics/nausea-vomiting-in-pregnancy/",
                None,
            ),
        ],
    ),
    (
        "heartburn-in-pregnancy",
        "Heartburn and indigestion in pregnancy",
        "A burning feeling behind the breastbone after meals is common, especially later in pregnancy. Why "
        "it happens and simple changes that bring relief.",
        ["symptoms", "second-trimester", "third-trimester", "nutrition"],
        [
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
                "See your doctor if heartburn does not improve with these changes, if you cannot eat "
                "properly, or if you are losing weight.\n\n"
                "Get help **the same day** if you have a strong pain just below your ribs, especially with a "
                "headache, blurred vision or sudden swelling of your face, hands or feet. These can be signs "
                "of pre-eclampsia, which needs a blood pressure and urine check straight away.",
                True,
            ),
        ],
        [nhs("Indigestion and heartburn", "indigestion-and-heartburn"), WHO_ANC, NHS_PRE_ECLAMPSIA],
    ),
    (
        "back-pain-in-pregnancy",
        "Back pain in pregnancy",
        "Most pregnant women have an aching back at some point. How posture, lifting and exercise help, "
        "which pain relief is safe, and when back pain may mean labour.",
        ["symptoms", "second-trimester", "third-trimester", "labour-and-birth"],
        [
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
                "Paracetamol is generally considered suitable in pregnancy when taken as directed; check "
                "the dose with your doctor. Do not take ibuprofen or other anti-inflammatory painkillers "
                "unless a doctor has told you to, because they can affect the baby, particularly in the "
                "third trimester. A warm (not hot) compress or a massage can also ease the ache.",
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
                "Contact your doctor or hospital **straight away** if back pain comes with:\n\n"
                "- bleeding from the vagina, or fluid leaking\n"
                "- a fever, or pain or burning when you pass urine\n"
                "- pain in one side just under the ribs\n"
                "- numbness or tingling in your legs, buttocks or genitals\n"
                "- regular tightening or cramps before 37 weeks\n\n"
                "Also see your doctor if the pain is severe or stops you from doing everyday things.",
                True,
            ),
        ],
        [
            nhs("Back pain", "back-pain"),
            acog("Back pain during pregnancy", "back-pain-during-pregnancy"),
            WHO_ANC,
        ],
    ),
    (
        "swollen-feet-and-ankles",
        "Swollen feet and ankles in pregnancy",
        "Some swelling of the feet and ankles is normal, especially in hot weather and late in the day. What "
        "helps, and the kinds of swelling that need a doctor the same day.",
        ["symptoms", "third-trimester"],
        [
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
                "are checked at every antenatal visit: keep to your appointments.",
                False,
            ),
            (
                "When to see a doctor",
                "Get checked **the same day** if you have:\n\n"
                "- sudden swelling of your face, hands or feet\n"
                "- a severe headache, blurred vision or flashing lights\n"
                "- pain just below your ribs\n"
                "- swelling in one leg only, especially with pain, warmth or redness in the calf, which can "
                "be a sign of a blood clot",
                True,
            ),
        ],
        [
            nhs("Swollen ankles, feet and fingers", "swollen-ankles-feet-and-fingers"),
            NHS_PRE_ECLAMPSIA,
            ACOG_PREECLAMPSIA,
            WHO_ANC,
        ],
    ),
    (
        "constipation-in-pregnancy",
        "Constipation in pregnancy",
        "Hard stools and fewer trips to the toilet are common from early pregnancy. The food, fluids and "
        "movement that help, and which remedies are safe.",
        ["symptoms", "first-trimester", "nutrition"],
        [
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
                "See your doctor if constipation lasts despite these changes, or if you have:\n\n"
                "- blood in your stools or on the paper\n"
                "- severe or constant pain in your tummy\n"
                "- painful swellings around the back passage (piles) that bother you\n"
                "- vomiting, or no stools and no wind at all",
                True,
            ),
        ],
        [nhs("Constipation", "constipation"), WHO_ANC, NICE_ANC],
    ),
    (
        "tiredness-in-pregnancy",
        "Tiredness and fatigue in pregnancy",
        "Feeling exhausted is common in the first and last months of pregnancy. Why it happens, how to save "
        "your energy, and why a blood test for anaemia matters.",
        ["symptoms", "first-trimester", "sleep-and-wellbeing", "nutrition"],
        [
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
                "Anaemia, a shortage of red blood cells usually caused by low iron, is common in pregnancy "
                "and especially common in India. It makes you tired, breathless and pale. Your blood is "
                "tested for it at your first antenatal visit and again later. Take the iron and folic acid "
                "tablets your doctor gives you, and eat iron-rich food such as green leafy vegetables, pulses, "
                "jaggery, eggs and meat if you eat them. Vitamin C in fruit helps the body absorb iron; tea "
                "with meals makes it harder.",
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
                "lose interest in things, or feel anxious all the time, tell your doctor or midwife. Low mood "
                "and anxiety in pregnancy are common and treatable, and asking for help is the right thing "
                "to do.",
                False,
            ),
            (
                "When to see a doctor",
                "See your doctor if you:\n\n"
                "- feel breathless doing little, or your heart races or pounds\n"
                "- feel dizzy or faint, or look very pale\n"
                "- are so tired that you cannot manage daily life\n"
                "- feel low or anxious most of the time for two weeks or more",
                True,
            ),
        ],
        [nhs("Tiredness", "tiredness"), WHO_ANC, NICE_ANC],
    ),
    (
        "headaches-in-pregnancy",
        "Headaches in pregnancy",
        "Headaches are common in early pregnancy and usually harmless. What eases them, which painkiller is "
        "suitable, and the headaches that need checking the same day.",
        ["symptoms", "first-trimester", "sleep-and-wellbeing"],
        [
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
                "Paracetamol is the usual choice in pregnancy, at the normal dose; ask your doctor or "
                "pharmacist if you are not sure. Do not take ibuprofen, aspirin or other painkillers unless "
                "a doctor has advised them for you. Some women take low-dose aspirin on their doctor's advice "
                "to lower the risk of pre-eclampsia; that is a different use and should not be changed "
                "without asking.",
                False,
            ),
            (
                "When is a headache serious?",
                "A severe headache in the second half of pregnancy (after 20 weeks) can be a sign of "
                "pre-eclampsia, especially if it does not go away with rest and paracetamol, or comes with "
                "problems with your vision or sudden swelling. Pre-eclampsia can become dangerous for you "
                "and the baby, so it is always worth checking your blood pressure.",
                False,
            ),
            (
                "When to see a doctor",
                "Get your blood pressure checked **the same day** if you have:\n\n"
                "- a severe headache that does not go away\n"
                "- blurred vision, flashing lights or spots in front of your eyes\n"
                "- pain just below your ribs, or vomiting\n"
                "- sudden swelling of your face, hands or feet\n\n"
                "Also see your doctor if you get headaches often, or if you had migraines before pregnancy "
                "and they change.",
                True,
            ),
        ],
        [nhs("Headaches", "headaches"), NHS_PRE_ECLAMPSIA, NICE_HYPERTENSION],
    ),
    (
        "bleeding-gums-in-pregnancy",
        "Bleeding gums in pregnancy",
        "Gums that bleed when you brush are common in pregnancy. How to care for your teeth and gums, and "
        "why a dental check-up is safe and worthwhile.",
        ["symptoms", "first-trimester", "second-trimester"],
        [
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
                "See a dentist or your doctor if:\n\n"
                "- your gums bleed a lot, or the bleeding does not stop\n"
                "- you have toothache, a swelling in your mouth or on your gum, or a bad taste\n"
                "- a tooth feels loose\n"
                "- you bleed easily elsewhere, for example bruises or nosebleeds that you cannot explain",
                True,
            ),
        ],
        [
            nhs("Bleeding gums", "bleeding-gums"),
            (
                "Oral health care during pregnancy and through the lifespan (Committee Opinion 569)",
                "American College of Obstetricians and Gynecologists",
                "https://www.acog.org/clinical/clinical-guidance/committee-opinion/articles/2013/08/oral-health-care-during-pregnancy-and-through-the-lifespan",
                D(2013, 8, 1),
            ),
        ],
    ),
    (
        "stretch-marks-in-pregnancy",
        "Stretch marks in pregnancy",
        "Most women get some stretch marks in pregnancy. Why they appear, what creams can and cannot do, "
        "and the kind of itching you should tell your doctor about.",
        ["symptoms", "second-trimester", "third-trimester"],
        [
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
                "Will they go away?",
                "They usually fade after the birth and, over months, become pale or silvery lines that are "
                "much less noticeable. They rarely disappear completely.",
                False,
            ),
            (
                "When to see a doctor",
                "Tell your doctor **soon** if you have itching that is:\n\n"
                "- strong, especially on the palms of your hands or the soles of your feet\n"
                "- worse at night\n"
                "- without a rash\n\n"
                "Itching like this can be a sign of a liver condition of pregnancy (obstetric cholestasis), "
                "which needs a blood test. Also see your doctor about any rash that spreads or blisters.",
                True,
            ),
        ],
        [
            nhs("Stretch marks", "stretch-marks"),
            (
                "Itching and intrahepatic cholestasis of pregnancy",
                "NHS",
                "https://www.nhs.uk/pregnancy/related-conditions/complications/intrahepatic-cholestasis-of-pregnancy/",
                None,
            ),
        ],
    ),
    (
        "sleep-in-pregnancy",
        "Sleeping well in pregnancy",
        "Sleep often gets harder as pregnancy goes on. Why, the safest position in the third trimester, and "
        "practical ways to rest better.",
        ["third-trimester", "sleep-and-wellbeing"],
        [
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
                "See your doctor if:\n\n"
                "- you notice your baby moving less than usual, or the pattern of movements changes: contact "
                "your hospital **straight away**, do not wait until the next day\n"
                "- lack of sleep is making you feel low or anxious\n"
                "- you snore loudly and someone notices pauses in your breathing\n"
                "- an urge to move your legs in the evening keeps you awake (restless legs can be linked to "
                "low iron)\n"
                "- you itch badly at night, especially on your hands and feet",
                True,
            ),
        ],
        [
            nhs("Sleep problems", "sleep-problems"),
            (
                "Your baby's movements",
                "NHS",
                "https://www.nhs.uk/pregnancy/keeping-well/your-babys-movements/",
                None,
            ),
            NICE_ANC,
        ],
    ),
    (
        "pelvic-pain-in-pregnancy",
        "Pelvic girdle pain in pregnancy",
        "Pain at the front or back of the pelvis, often worse when walking or turning in bed, is common "
        "and treatable. How to move more comfortably and when to get help.",
        ["symptoms", "second-trimester", "third-trimester", "labour-and-birth"],
        [
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
                "Pelvic pain can have other causes. Contact your doctor or hospital **straight away** if you "
                "have:\n\n"
                "- bleeding from the vagina\n"
                "- severe or constant pain in your tummy\n"
                "- a fever, or pain or burning when you pass urine\n"
                "- regular tightening or period-like pains before 37 weeks\n"
                "- in early pregnancy, sharp pain on one side of your lower tummy, or pain in the tip of "
                "your shoulder",
                True,
            ),
        ],
        [nhs("Pelvic pain", "pelvic-pain"), WHO_ANC, NICE_ANC],
    ),
]

# Related articles, by slug.
RELATED = {
    "leg-cramps-in-pregnancy": ["sleep-in-pregnancy", "swollen-feet-and-ankles"],
    "morning-sickness": ["tiredness-in-pregnancy", "heartburn-in-pregnancy", "bleeding-gums-in-pregnancy"],
    "heartburn-in-pregnancy": ["morning-sickness", "sleep-in-pregnancy", "constipation-in-pregnancy"],
    "back-pain-in-pregnancy": ["pelvic-pain-in-pregnancy", "sleep-in-pregnancy"],
    "swollen-feet-and-ankles": ["headaches-in-pregnancy", "leg-cramps-in-pregnancy"],
    "constipation-in-pregnancy": ["heartburn-in-pregnancy", "tiredness-in-pregnancy"],
    "tiredness-in-pregnancy": ["sleep-in-pregnancy", "morning-sickness"],
    "headaches-in-pregnancy": ["swollen-feet-and-ankles", "tiredness-in-pregnancy"],
    "bleeding-gums-in-pregnancy": ["morning-sickness"],
    "stretch-marks-in-pregnancy": ["sleep-in-pregnancy"],
    "sleep-in-pregnancy": ["leg-cramps-in-pregnancy", "back-pain-in-pregnancy", "heartburn-in-pregnancy"],
    "pelvic-pain-in-pregnancy": ["back-pain-in-pregnancy", "sleep-in-pregnancy"],
}

FEATURED = {"morning-sickness", "leg-cramps-in-pregnancy", "sleep-in-pregnancy"}
