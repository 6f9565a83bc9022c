import type { DemoCourseData } from '../demo-library.js';

// The demo's course for examples/german-business.course.json, written by hand (see demo-library.ts): data only,
// a module rather than a .json file so it is compiled and packed with the app's JavaScript.
export default {
  "spec": {
    "title": "Business German: Meetings and Email",
    "language": "de",
    "nativeLanguage": "English",
    "level": "B1"
  },
  "summary": "Six lessons of German for international offices, always with Sie: formal emails, arranging meetings, presenting figures, phone calls, a delivery complaint and a trade fair. Each lesson pairs a realistic conversation with one grammar point a B1 learner needs at work, and its practice brings back words from earlier lessons.",
  "lessons": [
    {
      "title": "Writing a formal email",
      "goals": [
        "Open and close a formal email correctly",
        "Make polite written requests with könnten and würden"
      ],
      "grammarPoint": "Polite requests with könnten, würden and hätte gern",
      "answer": {
        "summary": "The parts of a formal business email, from the subject line to the closing, and polite requests with the Konjunktiv II.",
        "vocabulary": [
          {
            "term": "Betreff",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "subject (of an email or letter)",
            "example": "Der Betreff sollte kurz und klar sein.",
            "exampleTranslation": "The subject line should be short and clear."
          },
          {
            "term": "Anhang",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "attachment",
            "example": "Die Preisliste finden Sie im Anhang.",
            "exampleTranslation": "Please find the price list attached."
          },
          {
            "term": "Anfrage",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "enquiry, request",
            "example": "Wir haben Ihre Anfrage erhalten.",
            "exampleTranslation": "We have received your enquiry."
          },
          {
            "term": "Angebot",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "quote, offer",
            "example": "Bitte schicken Sie uns ein Angebot für 200 Laptops.",
            "exampleTranslation": "Please send us a quote for 200 laptops."
          },
          {
            "term": "Rückmeldung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "reply, feedback",
            "example": "Ich freue mich auf Ihre Rückmeldung.",
            "exampleTranslation": "I look forward to hearing from you."
          },
          {
            "term": "Sehr geehrte Damen und Herren",
            "partOfSpeech": "phrase",
            "translation": "Dear Sir or Madam",
            "example": "Sehr geehrte Damen und Herren, vielen Dank für Ihre E-Mail.",
            "exampleTranslation": "Dear Sir or Madam, thank you for your email."
          },
          {
            "term": "Mit freundlichen Grüßen",
            "partOfSpeech": "phrase",
            "translation": "Kind regards, Yours sincerely",
            "example": "Die E-Mail endet mit „Mit freundlichen Grüßen“ und Ihrem Namen.",
            "exampleTranslation": "The email ends with 'Kind regards' and your name."
          },
          {
            "term": "vielen Dank für",
            "partOfSpeech": "phrase",
            "translation": "thank you (very much) for",
            "example": "Vielen Dank für Ihre schnelle Antwort.",
            "exampleTranslation": "Thank you for your quick reply."
          }
        ],
        "dialogue": {
          "setting": "Lena Weber helps her new colleague Jan Novak write an email to the supplier Krause GmbH.",
          "lines": [
            {
              "speaker": "Novak",
              "line": "Frau Weber, könnten Sie kurz meine E-Mail an die Firma Krause lesen?",
              "translation": "Ms Weber, could you have a quick look at my email to Krause?"
            },
            {
              "speaker": "Weber",
              "line": "Gern. Der Betreff fehlt noch. Schreiben Sie „Anfrage: Angebot für 500 Bürostühle“.",
              "translation": "Of course. The subject line is still missing. Write 'Enquiry: quote for 500 office chairs'."
            },
            {
              "speaker": "Novak",
              "line": "Gut. Und wie beginne ich? Mit „Hallo Herr Krause“?",
              "translation": "Good. And how do I start? With 'Hello Mr Krause'?"
            },
            {
              "speaker": "Weber",
              "line": "Das ist zu locker. Schreiben Sie „Sehr geehrter Herr Krause“ oder „Sehr geehrte Damen und Herren“, wenn Sie keinen Namen haben.",
              "translation": "That's too casual. Write 'Dear Mr Krause', or 'Dear Sir or Madam' if you don't have a name."
            },
            {
              "speaker": "Novak",
              "line": "Verstanden. Unsere Anforderungen schicke ich im Anhang mit.",
              "translation": "Understood. I'll send our requirements as an attachment."
            },
            {
              "speaker": "Weber",
              "line": "Sehr gut. Am Ende bitten Sie um eine Rückmeldung bis Freitag.",
              "translation": "Very good. At the end, ask for a reply by Friday."
            },
            {
              "speaker": "Novak",
              "line": "Und dann schreibe ich „Mit freundlichen Grüßen“?",
              "translation": "And then I write 'Kind regards'?"
            },
            {
              "speaker": "Weber",
              "line": "Genau. Danach kommen nur noch Ihr Name und Ihre Position.",
              "translation": "Exactly. After that come just your name and your position."
            }
          ]
        },
        "grammar": {
          "point": "Polite requests with könnten, würden and hätte gern",
          "explanation": "In business German, requests sound polite in the Konjunktiv II: könnten Sie … (could you …), würden Sie … (would you …) and ich hätte gern … (I would like …). In a question the modal verb comes first and the infinitive goes to the end: 'Könnten Sie mir bitte ein Angebot schicken?'. Even more formal, and typical of emails, is 'Ich wäre Ihnen dankbar, wenn …' (I would be grateful if …); after wenn the verb goes to the end of the clause. Sie, Ihnen and Ihr are always written with a capital letter.",
          "examples": [
            {
              "sentence": "Könnten Sie mir bitte bis Freitag ein Angebot schicken?",
              "translation": "Could you please send me a quote by Friday?"
            },
            {
              "sentence": "Ich wäre Ihnen dankbar, wenn Sie mir eine kurze Rückmeldung geben würden.",
              "translation": "I would be grateful if you could give me a short reply."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Make the request polite with könnten.",
            "prompt": "Schicken Sie mir das Angebot.",
            "answer": "Könnten Sie mir das Angebot schicken?"
          },
          {
            "instruction": "Make the request polite with würden.",
            "prompt": "Rufen Sie mich morgen an.",
            "answer": "Würden Sie mich morgen anrufen?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Thank you for your enquiry.",
            "answer": "Vielen Dank für Ihre Anfrage."
          },
          {
            "instruction": "Write the greeting for an email to a company when you do not know the name of the person.",
            "prompt": "An: info@krause-moebel.de",
            "answer": "Sehr geehrte Damen und Herren,"
          },
          {
            "instruction": "Complete the formal closing.",
            "prompt": "Mit freundlichen ___",
            "answer": "Mit freundlichen Grüßen"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Please find the price list attached.",
            "answer": "Im Anhang finden Sie die Preisliste."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "I look forward to your reply.",
            "answer": "Ich freue mich auf Ihre Rückmeldung."
          },
          {
            "instruction": "Put the words in order to make a question.",
            "prompt": "Sie / könnten / mir / schicken / das Angebot / bis Montag",
            "answer": "Könnten Sie mir das Angebot bis Montag schicken?"
          },
          {
            "instruction": "Write a subject line for this email.",
            "prompt": "You are asking Krause GmbH for a quote for 500 office chairs.",
            "answer": "Betreff: Anfrage – Angebot für 500 Bürostühle"
          },
          {
            "instruction": "Complete with Ihr, Ihre or Ihnen.",
            "prompt": "Vielen Dank für ___ E-Mail.",
            "answer": "Vielen Dank für Ihre E-Mail."
          }
        ]
      }
    },
    {
      "title": "Scheduling a meeting",
      "goals": [
        "Suggest, accept and move a meeting time",
        "Use am, um, im and von … bis with times and dates"
      ],
      "grammarPoint": "Prepositions of time: am, um, im, von … bis",
      "answer": {
        "summary": "Arrange a meeting on the phone: suggest a time, accept or move it, with the prepositions of time.",
        "vocabulary": [
          {
            "term": "Termin",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "appointment, meeting time",
            "example": "Ich habe morgen um 10 Uhr einen Termin.",
            "exampleTranslation": "I have an appointment at 10 tomorrow."
          },
          {
            "term": "Besprechung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "meeting",
            "example": "Die Besprechung dauert eine Stunde.",
            "exampleTranslation": "The meeting lasts an hour."
          },
          {
            "term": "Kalender",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "calendar, diary",
            "example": "Ich trage den Termin in meinen Kalender ein.",
            "exampleTranslation": "I'll put the appointment in my calendar."
          },
          {
            "term": "Tagesordnung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "agenda",
            "example": "Der erste Punkt der Tagesordnung ist das Budget.",
            "exampleTranslation": "The first item on the agenda is the budget."
          },
          {
            "term": "Besprechungsraum",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "meeting room",
            "example": "Der Besprechungsraum ist im zweiten Stock.",
            "exampleTranslation": "The meeting room is on the second floor."
          },
          {
            "term": "vorschlagen",
            "partOfSpeech": "verb",
            "translation": "to suggest, to propose",
            "example": "Ich schlage Donnerstag um 15 Uhr vor.",
            "exampleTranslation": "I suggest Thursday at 3 pm."
          },
          {
            "term": "verschieben",
            "partOfSpeech": "verb",
            "translation": "to postpone, to move",
            "example": "Wir müssen die Besprechung leider verschieben.",
            "exampleTranslation": "Unfortunately we have to postpone the meeting."
          },
          {
            "term": "passen",
            "partOfSpeech": "verb",
            "translation": "to suit, to be convenient",
            "example": "Passt Ihnen Montag um 9 Uhr?",
            "exampleTranslation": "Does Monday at 9 suit you?"
          }
        ],
        "dialogue": {
          "setting": "Jan Novak calls Ms Schulz at Krause GmbH to arrange a meeting.",
          "lines": [
            {
              "speaker": "Novak",
              "line": "Guten Tag, Frau Schulz. Ich möchte gern einen Termin für unsere nächste Besprechung vereinbaren.",
              "translation": "Good afternoon, Ms Schulz. I'd like to arrange a time for our next meeting."
            },
            {
              "speaker": "Schulz",
              "line": "Gern, Herr Novak. Ich schaue kurz in meinen Kalender. Würde Ihnen Dienstag um 10 Uhr passen?",
              "translation": "Of course, Mr Novak. Let me check my calendar. Would Tuesday at 10 suit you?"
            },
            {
              "speaker": "Novak",
              "line": "Dienstag ist leider schlecht. Darf ich Mittwochnachmittag vorschlagen?",
              "translation": "Tuesday is bad, I'm afraid. May I suggest Wednesday afternoon?"
            },
            {
              "speaker": "Schulz",
              "line": "Mittwoch um 14 Uhr geht. Wir können den Besprechungsraum im zweiten Stock nehmen.",
              "translation": "Wednesday at 2 pm works. We can use the meeting room on the second floor."
            },
            {
              "speaker": "Novak",
              "line": "Sehr gut. Ich schicke Ihnen vorher die Tagesordnung.",
              "translation": "Very good. I'll send you the agenda beforehand."
            },
            {
              "speaker": "Schulz",
              "line": "Danke. Falls wir den Termin verschieben müssen, rufe ich Sie an.",
              "translation": "Thank you. If we have to move the meeting, I'll call you."
            }
          ]
        },
        "grammar": {
          "point": "Prepositions of time: am, um, im, von … bis",
          "explanation": "Dates and times take different prepositions. Use am with days, parts of the day and dates (am Dienstag, am Nachmittag, am 3. Mai), um with clock times (um 10 Uhr), im with months and seasons (im Juni, im Herbst), and von … bis … for a period (von 9 bis 11 Uhr). Dates are written with a full stop and read as ordinals: am 3. Mai is 'am dritten Mai'. In a German sentence, time usually comes before place: 'Wir treffen uns am Montag um 10 Uhr im Besprechungsraum.'",
          "examples": [
            {
              "sentence": "Die Besprechung findet am Donnerstag um 14 Uhr statt.",
              "translation": "The meeting takes place on Thursday at 2 pm."
            },
            {
              "sentence": "Ich bin vom 5. bis zum 9. Mai nicht im Büro.",
              "translation": "I am out of the office from 5 to 9 May."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with am, um or im.",
            "prompt": "Die Besprechung ist ___ Montag.",
            "answer": "Die Besprechung ist am Montag."
          },
          {
            "instruction": "Complete with am, um or im.",
            "prompt": "Wir treffen uns ___ 15 Uhr.",
            "answer": "Wir treffen uns um 15 Uhr."
          },
          {
            "instruction": "Complete with am, um or im.",
            "prompt": "Die Messe ist ___ Oktober.",
            "answer": "Die Messe ist im Oktober."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Could we postpone the meeting?",
            "answer": "Könnten wir die Besprechung verschieben?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Would Thursday suit you?",
            "answer": "Würde Ihnen Donnerstag passen?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "May I suggest another time?",
            "answer": "Darf ich einen anderen Termin vorschlagen?"
          },
          {
            "instruction": "Put time before place.",
            "prompt": "Wir treffen uns / im Besprechungsraum / am Freitag",
            "answer": "Wir treffen uns am Freitag im Besprechungsraum."
          },
          {
            "instruction": "Write the date as it is read.",
            "prompt": "am 3. Mai",
            "answer": "am dritten Mai"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Could you send me the agenda as an attachment?",
            "answer": "Könnten Sie mir die Tagesordnung im Anhang schicken?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "I'll check my calendar.",
            "answer": "Ich schaue in meinen Kalender."
          }
        ]
      }
    },
    {
      "title": "Presenting figures",
      "goals": [
        "Present results with steigen and sinken",
        "Say figures, percentages and comparisons"
      ],
      "grammarPoint": "Describing change: steigen and sinken with um and auf",
      "answer": {
        "summary": "Present the quarter's figures in a meeting: rises and falls, percentages and comparisons.",
        "vocabulary": [
          {
            "term": "Umsatz",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "turnover, sales",
            "example": "Der Umsatz liegt bei 3 Millionen Euro.",
            "exampleTranslation": "Turnover is 3 million euros."
          },
          {
            "term": "Gewinn",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "profit",
            "example": "Das Unternehmen macht einen hohen Gewinn.",
            "exampleTranslation": "The company makes a high profit."
          },
          {
            "term": "Prozent",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "percent",
            "example": "Die Kosten sind um zwei Prozent höher.",
            "exampleTranslation": "Costs are two percent higher."
          },
          {
            "term": "Quartal",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "quarter (of a year)",
            "example": "Im ersten Quartal war der Umsatz niedrig.",
            "exampleTranslation": "Sales were low in the first quarter."
          },
          {
            "term": "Diagramm",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "chart, graph",
            "example": "Das Diagramm zeigt die Entwicklung der Preise.",
            "exampleTranslation": "The chart shows how prices have developed."
          },
          {
            "term": "steigen",
            "partOfSpeech": "verb",
            "translation": "to rise, to increase",
            "example": "Die Preise steigen jedes Jahr.",
            "exampleTranslation": "Prices rise every year."
          },
          {
            "term": "sinken",
            "partOfSpeech": "verb",
            "translation": "to fall, to decrease",
            "example": "Die Kosten sinken langsam.",
            "exampleTranslation": "Costs are falling slowly."
          },
          {
            "term": "im Vergleich zu",
            "partOfSpeech": "phrase",
            "translation": "compared to, in comparison with",
            "example": "Im Vergleich zu März ist der Umsatz gestiegen.",
            "exampleTranslation": "Compared to March, sales have risen."
          }
        ],
        "dialogue": {
          "setting": "Lena Weber presents the quarterly figures in a team meeting.",
          "lines": [
            {
              "speaker": "Weber",
              "line": "Guten Morgen zusammen. Ich präsentiere heute die Zahlen für das dritte Quartal.",
              "translation": "Good morning, everyone. Today I'm presenting the figures for the third quarter."
            },
            {
              "speaker": "Weber",
              "line": "Auf diesem Diagramm sehen Sie den Umsatz: Er ist um 8 Prozent gestiegen.",
              "translation": "On this chart you can see turnover: it has risen by 8 percent."
            },
            {
              "speaker": "Novak",
              "line": "Das ist erfreulich. Und wie sieht es beim Gewinn aus?",
              "translation": "That's good news. And what about profit?"
            },
            {
              "speaker": "Weber",
              "line": "Der Gewinn ist leicht gesunken, auf 1,2 Millionen Euro.",
              "translation": "Profit has fallen slightly, to 1.2 million euros."
            },
            {
              "speaker": "Novak",
              "line": "Woran liegt das?",
              "translation": "Why is that?"
            },
            {
              "speaker": "Weber",
              "line": "Vor allem an den höheren Energiekosten. Die Details finden Sie im Anhang meiner E-Mail.",
              "translation": "Mainly the higher energy costs. You'll find the details in the attachment to my email."
            }
          ]
        },
        "grammar": {
          "point": "Describing change: steigen and sinken with um and auf",
          "explanation": "To describe a change, use steigen (to rise) and sinken (to fall): um gives the size of the change and auf the new value. 'Der Umsatz ist um 5 Prozent gestiegen' means it rose by 5 percent; 'Der Gewinn ist auf 2 Millionen Euro gesunken' means it fell to 2 million euros. Both verbs form the perfect with sein (ist gestiegen, ist gesunken); their simple past forms are stieg and sank. German writes decimals with a comma: 3,5 Prozent is read 'drei Komma fünf Prozent'.",
          "examples": [
            {
              "sentence": "Der Umsatz ist im dritten Quartal um 8 Prozent gestiegen.",
              "translation": "Turnover rose by 8 percent in the third quarter."
            },
            {
              "sentence": "Die Kosten sind auf 1,2 Millionen Euro gesunken.",
              "translation": "Costs have fallen to 1.2 million euros."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with um or auf.",
            "prompt": "Der Umsatz ist ___ 10 Prozent gestiegen.",
            "answer": "Der Umsatz ist um 10 Prozent gestiegen."
          },
          {
            "instruction": "Complete with um or auf.",
            "prompt": "Die Kosten sind ___ 500.000 Euro gesunken.",
            "answer": "Die Kosten sind auf 500.000 Euro gesunken."
          },
          {
            "instruction": "Put the sentence into the perfect tense.",
            "prompt": "Der Gewinn sinkt.",
            "answer": "Der Gewinn ist gesunken."
          },
          {
            "instruction": "Put the sentence into the perfect tense.",
            "prompt": "Die Preise steigen.",
            "answer": "Die Preise sind gestiegen."
          },
          {
            "instruction": "Write the figure as it is said.",
            "prompt": "3,5 %",
            "answer": "drei Komma fünf Prozent"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Turnover rose by 4 percent in the second quarter.",
            "answer": "Der Umsatz ist im zweiten Quartal um 4 Prozent gestiegen."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Compared to 2024, profit has fallen.",
            "answer": "Im Vergleich zu 2024 ist der Gewinn gesunken."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "On this chart you can see the figures.",
            "answer": "Auf diesem Diagramm sehen Sie die Zahlen."
          },
          {
            "instruction": "Give the verb with the opposite meaning.",
            "prompt": "steigen",
            "answer": "sinken"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "We will discuss the figures at the next meeting.",
            "answer": "Wir besprechen die Zahlen in der nächsten Besprechung."
          }
        ]
      }
    },
    {
      "title": "Phone calls",
      "goals": [
        "Make and take business calls",
        "Use separable verbs such as zurückrufen"
      ],
      "grammarPoint": "Separable verbs: zurückrufen, anrufen, ausrichten",
      "answer": {
        "summary": "Call a company, ask to be put through, leave a message, and use separable verbs like zurückrufen.",
        "vocabulary": [
          {
            "term": "Anruf",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "(phone) call",
            "example": "Danke für Ihren Anruf.",
            "exampleTranslation": "Thank you for your call."
          },
          {
            "term": "Nachricht",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "message",
            "example": "Kann ich eine Nachricht für Herrn Lang hinterlassen?",
            "exampleTranslation": "Can I leave a message for Mr Lang?"
          },
          {
            "term": "Durchwahl",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "extension (phone number)",
            "example": "Meine Durchwahl ist 214.",
            "exampleTranslation": "My extension is 214."
          },
          {
            "term": "Apparat",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "telephone (in 'am Apparat': speaking)",
            "example": "Schulz am Apparat, guten Tag.",
            "exampleTranslation": "Schulz speaking, good afternoon."
          },
          {
            "term": "Bescheid",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "word, notice (Bescheid sagen: to let someone know)",
            "example": "Bitte sagen Sie mir bis Montag Bescheid.",
            "exampleTranslation": "Please let me know by Monday."
          },
          {
            "term": "zurückrufen",
            "partOfSpeech": "verb",
            "translation": "to call back",
            "example": "Kann Herr Lang mich zurückrufen?",
            "exampleTranslation": "Can Mr Lang call me back?"
          },
          {
            "term": "verbinden",
            "partOfSpeech": "verb",
            "translation": "to put through (on the phone)",
            "example": "Ich verbinde Sie mit der Buchhaltung.",
            "exampleTranslation": "I'll put you through to accounts."
          },
          {
            "term": "erreichen",
            "partOfSpeech": "verb",
            "translation": "to reach, to get hold of",
            "example": "Ich habe Sie gestern nicht erreicht.",
            "exampleTranslation": "I couldn't reach you yesterday."
          }
        ],
        "dialogue": {
          "setting": "Jan Novak calls Krause GmbH and asks for Ms Schulz.",
          "lines": [
            {
              "speaker": "Empfang",
              "line": "Krause GmbH, Sie sprechen mit Frau Meier. Guten Tag.",
              "translation": "Krause GmbH, Ms Meier speaking. Good afternoon."
            },
            {
              "speaker": "Novak",
              "line": "Guten Tag, hier ist Novak von der Firma Berger. Könnten Sie mich bitte mit Frau Schulz verbinden?",
              "translation": "Good afternoon, this is Novak from Berger. Could you put me through to Ms Schulz, please?"
            },
            {
              "speaker": "Empfang",
              "line": "Einen Moment, bitte … Frau Schulz ist leider gerade nicht am Platz. Möchten Sie eine Nachricht hinterlassen?",
              "translation": "One moment, please … I'm afraid Ms Schulz isn't at her desk. Would you like to leave a message?"
            },
            {
              "speaker": "Novak",
              "line": "Ja, gern. Es geht um unseren Termin am Mittwoch. Sie kann mich unter der Durchwahl 214 erreichen.",
              "translation": "Yes, please. It's about our meeting on Wednesday. She can reach me on extension 214."
            },
            {
              "speaker": "Empfang",
              "line": "Gut, ich sage ihr Bescheid. Sie kann Sie bestimmt heute noch zurückrufen.",
              "translation": "All right, I'll let her know. I'm sure she can call you back today."
            },
            {
              "speaker": "Novak",
              "line": "Vielen Dank für Ihre Hilfe. Auf Wiederhören!",
              "translation": "Thank you for your help. Goodbye!"
            }
          ]
        },
        "grammar": {
          "point": "Separable verbs: zurückrufen, anrufen, ausrichten",
          "explanation": "Many telephone verbs are separable: zurückrufen, anrufen, ausrichten. In a main clause the prefix goes to the end: 'Ich rufe Sie morgen zurück.' With a modal verb the infinitive stays in one piece at the end: 'Kann sie mich zurückrufen?'. In the perfect, ge- goes between the prefix and the stem: 'Er hat schon zurückgerufen.' In a subordinate clause the verb is joined up again at the end: '…, dass sie morgen zurückruft.'",
          "examples": [
            {
              "sentence": "Ich rufe Sie in einer Stunde zurück.",
              "translation": "I'll call you back in an hour."
            },
            {
              "sentence": "Könnten Sie ihr bitte ausrichten, dass ich angerufen habe?",
              "translation": "Could you please tell her that I called?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Put the separable verb in the right place.",
            "prompt": "Ich (zurückrufen) Sie morgen.",
            "answer": "Ich rufe Sie morgen zurück."
          },
          {
            "instruction": "Put the separable verb in the right place.",
            "prompt": "Frau Schulz (anrufen) heute Nachmittag.",
            "answer": "Frau Schulz ruft heute Nachmittag an."
          },
          {
            "instruction": "Put the sentence into the perfect tense.",
            "prompt": "Er ruft zurück.",
            "answer": "Er hat zurückgerufen."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Could you put me through to Mr Krause, please?",
            "answer": "Könnten Sie mich bitte mit Herrn Krause verbinden?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Would you like to leave a message?",
            "answer": "Möchten Sie eine Nachricht hinterlassen?"
          },
          {
            "instruction": "Answer the phone formally. Your name is Schulz.",
            "prompt": "(Das Telefon klingelt.)",
            "answer": "Schulz am Apparat, guten Tag."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "You can reach me on extension 214.",
            "answer": "Sie können mich unter der Durchwahl 214 erreichen."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Thank you for your call.",
            "answer": "Vielen Dank für Ihren Anruf."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "I'll let her know.",
            "answer": "Ich sage ihr Bescheid."
          },
          {
            "instruction": "Make a question with können. Keep the separable verb together.",
            "prompt": "Sie / mich / morgen / zurückrufen",
            "answer": "Können Sie mich morgen zurückrufen?"
          }
        ]
      }
    },
    {
      "title": "A delivery problem",
      "goals": [
        "Make and handle a complaint about a delivery",
        "Report what happened with the passive"
      ],
      "grammarPoint": "The passive with werden",
      "answer": {
        "summary": "Complain about a late and damaged delivery, and report what happened with the passive.",
        "vocabulary": [
          {
            "term": "Lieferung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "delivery",
            "example": "Die Lieferung kommt am Montag.",
            "exampleTranslation": "The delivery arrives on Monday."
          },
          {
            "term": "Reklamation",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "complaint (about goods)",
            "example": "Wir haben Ihre Reklamation bearbeitet.",
            "exampleTranslation": "We have dealt with your complaint."
          },
          {
            "term": "Rechnung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "invoice, bill",
            "example": "Die Rechnung ist bis zum 30. Juni zu bezahlen.",
            "exampleTranslation": "The invoice is payable by 30 June."
          },
          {
            "term": "Verspätung",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "delay",
            "example": "Der Zug hat zehn Minuten Verspätung.",
            "exampleTranslation": "The train is ten minutes late."
          },
          {
            "term": "Ersatz",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "replacement",
            "example": "Wir schicken Ihnen sofort Ersatz.",
            "exampleTranslation": "We'll send you a replacement right away."
          },
          {
            "term": "Lieferschein",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "delivery note",
            "example": "Bitte unterschreiben Sie den Lieferschein.",
            "exampleTranslation": "Please sign the delivery note."
          },
          {
            "term": "Kundennummer",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "customer number",
            "example": "Bitte geben Sie immer Ihre Kundennummer an.",
            "exampleTranslation": "Please always give your customer number."
          },
          {
            "term": "beschädigt",
            "partOfSpeech": "adjective",
            "translation": "damaged",
            "example": "Die Verpackung war beschädigt.",
            "exampleTranslation": "The packaging was damaged."
          }
        ],
        "dialogue": {
          "setting": "Lena Weber calls the supplier Krause GmbH about a delivery.",
          "lines": [
            {
              "speaker": "Weber",
              "line": "Guten Tag, Weber von der Firma Berger. Ich rufe wegen einer Reklamation an.",
              "translation": "Good morning, Weber from Berger. I'm calling about a complaint."
            },
            {
              "speaker": "Schulz",
              "line": "Guten Tag, Frau Weber. Könnten Sie mir bitte zuerst Ihre Kundennummer nennen?",
              "translation": "Good morning, Ms Weber. Could you first give me your customer number, please?"
            },
            {
              "speaker": "Weber",
              "line": "Natürlich, 48213. Die Lieferung ist mit einer Woche Verspätung angekommen, und zehn Stühle sind beschädigt.",
              "translation": "Of course, 48213. The delivery arrived a week late, and ten chairs are damaged."
            },
            {
              "speaker": "Schulz",
              "line": "Das tut mir sehr leid. Steht das auch auf dem Lieferschein?",
              "translation": "I'm very sorry. Is that noted on the delivery note too?"
            },
            {
              "speaker": "Weber",
              "line": "Ja, der Fahrer hat es notiert. Wir brauchen so schnell wie möglich Ersatz.",
              "translation": "Yes, the driver noted it. We need a replacement as quickly as possible."
            },
            {
              "speaker": "Schulz",
              "line": "Die Stühle werden bis Freitag ersetzt, und Sie bekommen eine neue Rechnung.",
              "translation": "The chairs will be replaced by Friday, and you'll receive a new invoice."
            }
          ]
        },
        "grammar": {
          "point": "The passive with werden",
          "explanation": "In complaints and reports the passive puts the focus on what happened, not on who did it. Form it with werden and the past participle at the end: 'Die Ware wird geliefert' (is delivered), 'Die Ware wurde geliefert' (was delivered), 'Die Ware ist geliefert worden' (has been delivered). Add the person or firm responsible with von: 'Die Kartons wurden von der Spedition beschädigt.' With a modal verb, use the participle with werden: 'Die Rechnung muss korrigiert werden.'",
          "examples": [
            {
              "sentence": "Die Lieferung wurde gestern mit drei Tagen Verspätung zugestellt.",
              "translation": "The delivery was made yesterday, three days late."
            },
            {
              "sentence": "Die beschädigten Stühle werden bis Freitag ersetzt.",
              "translation": "The damaged chairs will be replaced by Friday."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Rewrite the sentence in the passive (present).",
            "prompt": "Wir liefern die Ware morgen.",
            "answer": "Die Ware wird morgen geliefert."
          },
          {
            "instruction": "Rewrite the sentence in the passive (simple past).",
            "prompt": "Der Fahrer beschädigte zehn Stühle.",
            "answer": "Zehn Stühle wurden vom Fahrer beschädigt."
          },
          {
            "instruction": "Rewrite the sentence in the passive with müssen.",
            "prompt": "Man muss die Rechnung korrigieren.",
            "answer": "Die Rechnung muss korrigiert werden."
          },
          {
            "instruction": "Complete with the right form of werden.",
            "prompt": "Die Stühle ___ gestern geliefert.",
            "answer": "Die Stühle wurden gestern geliefert."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "The delivery arrived two days late.",
            "answer": "Die Lieferung ist mit zwei Tagen Verspätung angekommen."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Could you please give me your customer number?",
            "answer": "Könnten Sie mir bitte Ihre Kundennummer nennen?"
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Five boxes are damaged.",
            "answer": "Fünf Kartons sind beschädigt."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "We will send you a new invoice.",
            "answer": "Wir schicken Ihnen eine neue Rechnung."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Please let me know when the replacement arrives.",
            "answer": "Bitte sagen Sie mir Bescheid, wenn der Ersatz ankommt."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "I am calling about a complaint.",
            "answer": "Ich rufe wegen einer Reklamation an."
          }
        ]
      }
    },
    {
      "title": "At a trade fair",
      "goals": [
        "Talk to visitors at a trade fair stand",
        "Describe people and products with relative clauses"
      ],
      "grammarPoint": "Relative clauses with der, die, das",
      "answer": {
        "summary": "Welcome a visitor at a trade fair stand, exchange business cards, and add detail with relative clauses.",
        "vocabulary": [
          {
            "term": "Messe",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "trade fair",
            "example": "Die Messe in Hannover ist sehr groß.",
            "exampleTranslation": "The trade fair in Hanover is very big."
          },
          {
            "term": "Stand",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "stand, booth",
            "example": "Unser Stand ist in Halle 5.",
            "exampleTranslation": "Our stand is in hall 5."
          },
          {
            "term": "Visitenkarte",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "business card",
            "example": "Darf ich Ihnen meine Visitenkarte geben?",
            "exampleTranslation": "May I give you my business card?"
          },
          {
            "term": "Kunde",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "der",
            "translation": "customer, client",
            "example": "Der Kunde möchte ein Angebot.",
            "exampleTranslation": "The client would like a quote."
          },
          {
            "term": "Produkt",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "product",
            "example": "Dieses Produkt ist neu auf dem Markt.",
            "exampleTranslation": "This product is new on the market."
          },
          {
            "term": "Gespräch",
            "partOfSpeech": "noun",
            "gender": "neuter",
            "article": "das",
            "translation": "conversation, talk",
            "example": "Das Gespräch mit Herrn Lang war sehr gut.",
            "exampleTranslation": "The conversation with Mr Lang went very well."
          },
          {
            "term": "Zusammenarbeit",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "die",
            "translation": "cooperation, working together",
            "example": "Vielen Dank für die gute Zusammenarbeit.",
            "exampleTranslation": "Thank you for working so well with us."
          },
          {
            "term": "kennenlernen",
            "partOfSpeech": "verb",
            "translation": "to get to know, to meet",
            "example": "Ich möchte Ihr Team kennenlernen.",
            "exampleTranslation": "I would like to meet your team."
          }
        ],
        "dialogue": {
          "setting": "Jan Novak meets a visitor at his company's stand at a trade fair in Hanover.",
          "lines": [
            {
              "speaker": "Novak",
              "line": "Guten Tag! Willkommen an unserem Stand. Darf ich Ihnen unser neues Produkt zeigen?",
              "translation": "Hello! Welcome to our stand. May I show you our new product?"
            },
            {
              "speaker": "Lang",
              "line": "Gern. Ich suche Bürostühle für unser Büro in Wien.",
              "translation": "Yes, please. I'm looking for office chairs for our office in Vienna."
            },
            {
              "speaker": "Novak",
              "line": "Dann sind Sie hier richtig. Das ist der Stuhl, den wir auf dieser Messe zum ersten Mal zeigen.",
              "translation": "Then you've come to the right place. This is the chair we're showing for the first time at this fair."
            },
            {
              "speaker": "Lang",
              "line": "Sehr interessant. Hier ist meine Visitenkarte.",
              "translation": "Very interesting. Here is my business card."
            },
            {
              "speaker": "Novak",
              "line": "Danke, Herr Lang. Ich schicke Ihnen nächste Woche gern ein Angebot.",
              "translation": "Thank you, Mr Lang. I'll be happy to send you a quote next week."
            },
            {
              "speaker": "Lang",
              "line": "Sehr gut. Ich freue mich auf eine gute Zusammenarbeit.",
              "translation": "Very good. I look forward to working together."
            }
          ]
        },
        "grammar": {
          "point": "Relative clauses with der, die, das",
          "explanation": "A relative clause adds information about a noun. It starts with a relative pronoun, usually der, die or das, which takes its gender and number from the noun and its case from its role in the relative clause: 'der Kunde, der aus Wien kommt' (subject), 'der Kunde, den ich gestern getroffen habe' (accusative), 'der Kunde, dem ich meine Visitenkarte gegeben habe' (dative). The verb goes to the end of the relative clause, and a comma separates it from the main clause.",
          "examples": [
            {
              "sentence": "Das ist das Produkt, das wir auf der Messe vorstellen.",
              "translation": "This is the product that we are presenting at the trade fair."
            },
            {
              "sentence": "Herr Lang ist der Kunde, den ich gestern am Stand getroffen habe.",
              "translation": "Mr Lang is the client I met at the stand yesterday."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the relative pronoun.",
            "prompt": "Das ist der Kunde, ___ aus Wien kommt.",
            "answer": "Das ist der Kunde, der aus Wien kommt."
          },
          {
            "instruction": "Complete with the relative pronoun.",
            "prompt": "Das ist die Visitenkarte, ___ Herr Lang mir gegeben hat.",
            "answer": "Das ist die Visitenkarte, die Herr Lang mir gegeben hat."
          },
          {
            "instruction": "Complete with the relative pronoun.",
            "prompt": "Das ist das Produkt, ___ wir auf der Messe zeigen.",
            "answer": "Das ist das Produkt, das wir auf der Messe zeigen."
          },
          {
            "instruction": "Complete with the relative pronoun.",
            "prompt": "Der Kunde, ___ ich den Katalog gegeben habe, ruft morgen an.",
            "answer": "Der Kunde, dem ich den Katalog gegeben habe, ruft morgen an."
          },
          {
            "instruction": "Join the two sentences with a relative clause.",
            "prompt": "Wir haben einen neuen Stand. Er ist in Halle 3.",
            "answer": "Wir haben einen neuen Stand, der in Halle 3 ist."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "I would like to get to know your products.",
            "answer": "Ich möchte Ihre Produkte kennenlernen."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Here is my business card.",
            "answer": "Hier ist meine Visitenkarte."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Thank you for the interesting conversation.",
            "answer": "Vielen Dank für das interessante Gespräch."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "We look forward to working with you.",
            "answer": "Wir freuen uns auf die Zusammenarbeit."
          },
          {
            "instruction": "Translate into German.",
            "prompt": "Our stand at the trade fair is in hall 5.",
            "answer": "Unser Stand auf der Messe ist in Halle 5."
          }
        ]
      }
    }
  ]
} satisfies DemoCourseData;
