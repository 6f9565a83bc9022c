import type { DemoCourseData } from '../demo-library.js';

// The demo's course for examples/italian-conversation.course.yaml, written by hand (see demo-library.ts): data only,
// a module rather than a .json file so it is compiled and packed with the app's JavaScript.
export default {
  "spec": {
    "title": "Conversational Italian",
    "language": "it",
    "nativeLanguage": "English",
    "level": "B2"
  },
  "summary": "Eight lessons of everyday Italian conversation at B2: giving opinions, making plans, work, a restaurant complaint, renting a flat, telling a travel story, hypotheses and passing on news. Each lesson is built around a natural conversation between two friends, with the grammar an upper-intermediate speaker needs to sound fluent and practice that recycles earlier words.",
  "lessons": [
    {
      "title": "Giving opinions",
      "goals": [
        "Give and defend an opinion in a discussion",
        "Use the present subjunctive after verbs of opinion"
      ],
      "grammarPoint": "The present subjunctive after verbs of opinion",
      "answer": {
        "summary": "Discuss city life with a friend: agree, disagree and give opinions with the congiuntivo presente.",
        "vocabulary": [
          {
            "term": "secondo me",
            "partOfSpeech": "phrase",
            "translation": "in my opinion",
            "example": "Secondo me, questo ristorante è sopravvalutato.",
            "exampleTranslation": "In my opinion, this restaurant is overrated."
          },
          {
            "term": "sono d'accordo",
            "partOfSpeech": "phrase",
            "translation": "I agree",
            "example": "Sono d'accordo con te su tutto.",
            "exampleTranslation": "I agree with you about everything."
          },
          {
            "term": "punto di vista",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "point of view",
            "example": "Capisco il tuo punto di vista, ma non lo condivido.",
            "exampleTranslation": "I understand your point of view, but I don't share it."
          },
          {
            "term": "ragione",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "reason; (avere ragione) to be right",
            "example": "Hai ragione, è troppo tardi.",
            "exampleTranslation": "You're right, it's too late."
          },
          {
            "term": "dubbio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "doubt",
            "example": "Ho qualche dubbio su questa decisione.",
            "exampleTranslation": "I have some doubts about this decision."
          }
        ],
        "dialogue": {
          "setting": "Giulia and Marco, two friends from Milan, talk about where they would like to live.",
          "lines": [
            {
              "speaker": "Giulia",
              "line": "Secondo me, vivere a Milano è diventato troppo caro.",
              "translation": "In my opinion, living in Milan has become too expensive."
            },
            {
              "speaker": "Marco",
              "line": "Sono d'accordo sugli affitti, ma penso che qui ci siano più opportunità di lavoro.",
              "translation": "I agree about the rents, but I think there are more job opportunities here."
            },
            {
              "speaker": "Giulia",
              "line": "Hai ragione, però credo che la qualità della vita sia migliore in un paese piccolo.",
              "translation": "You're right, but I believe the quality of life is better in a small town."
            },
            {
              "speaker": "Marco",
              "line": "Dipende dal punto di vista. Io in un paese mi annoierei.",
              "translation": "It depends on your point of view. I'd get bored in a small town."
            },
            {
              "speaker": "Giulia",
              "line": "Non c'è dubbio che in città ci si diverta di più, ma io preferisco la tranquillità.",
              "translation": "There's no doubt that you have more fun in the city, but I prefer peace and quiet."
            },
            {
              "speaker": "Marco",
              "line": "Allora dobbiamo trovare una via di mezzo: una città piccola!",
              "translation": "Then we need to find a middle way: a small city!"
            }
          ]
        },
        "grammar": {
          "point": "The present subjunctive after verbs of opinion",
          "explanation": "After verbs that express an opinion, a belief or a feeling, such as penso che, credo che, mi sembra che and non c'è dubbio che, Italian uses the congiuntivo presente: 'Penso che tu abbia ragione'. Regular -are verbs end in -i (parli), -ere and -ire verbs in -a (prenda, parta); the three singular forms are the same, so add the subject when it is not clear. Essere and avere are irregular: sia, siano; abbia, abbiano. After so che or è vero che, which express certainty, use the indicative.",
          "examples": [
            {
              "sentence": "Penso che la città sia troppo cara.",
              "translation": "I think the city is too expensive."
            },
            {
              "sentence": "Credo che abbiano ragione loro.",
              "translation": "I believe they are right."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the present subjunctive.",
            "prompt": "Penso che Marco (avere) ragione.",
            "answer": "Penso che Marco abbia ragione."
          },
          {
            "instruction": "Complete with the present subjunctive.",
            "prompt": "Credo che gli affitti (essere) troppo alti.",
            "answer": "Credo che gli affitti siano troppo alti."
          },
          {
            "instruction": "Complete with the present subjunctive.",
            "prompt": "Mi sembra che voi (lavorare) troppo.",
            "answer": "Mi sembra che voi lavoriate troppo."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "In my opinion, the film is too long.",
            "answer": "Secondo me, il film è troppo lungo."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "I agree with you, but I see it from another point of view.",
            "answer": "Sono d'accordo con te, ma lo vedo da un altro punto di vista."
          }
        ],
        "quiz": [
          {
            "question": "Which sentence is correct?",
            "options": [
              "Penso che hai ragione.",
              "Penso che tu abbia ragione.",
              "Penso che tu avere ragione."
            ],
            "answerIndex": 1,
            "explanation": "Penso che takes the subjunctive: tu abbia."
          },
          {
            "question": "What does 'secondo me' mean?",
            "options": [
              "in my opinion",
              "I'm second",
              "after me"
            ],
            "answerIndex": 0,
            "explanation": "Secondo me introduces your opinion."
          },
          {
            "question": "After which verb do you NOT use the subjunctive?",
            "options": [
              "credo che",
              "penso che",
              "so che"
            ],
            "answerIndex": 2,
            "explanation": "So che expresses certainty and takes the indicative."
          },
          {
            "question": "'Non c'è dubbio' means…",
            "options": [
              "there is no doubt",
              "there is no problem",
              "there is no time"
            ],
            "answerIndex": 0,
            "explanation": "Il dubbio is doubt."
          }
        ]
      }
    },
    {
      "title": "Making plans",
      "goals": [
        "Suggest, accept and decline plans politely",
        "Use the conditional for suggestions and requests"
      ],
      "grammarPoint": "The conditional for suggestions and polite requests",
      "answer": {
        "summary": "Plan a day trip with a friend, making suggestions and polite requests with the condizionale presente.",
        "vocabulary": [
          {
            "term": "proposta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "suggestion, proposal",
            "example": "La tua proposta mi piace molto.",
            "exampleTranslation": "I really like your suggestion."
          },
          {
            "term": "ti va di",
            "partOfSpeech": "phrase",
            "translation": "do you feel like, do you fancy",
            "example": "Ti va di mangiare una pizza stasera?",
            "exampleTranslation": "Do you fancy a pizza tonight?"
          },
          {
            "term": "volentieri",
            "partOfSpeech": "adverb",
            "translation": "gladly, with pleasure",
            "example": "Vengo volentieri alla tua festa.",
            "exampleTranslation": "I'll gladly come to your party."
          },
          {
            "term": "impegno",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "l'",
            "translation": "commitment, prior engagement",
            "example": "Stasera non posso, ho già un impegno.",
            "exampleTranslation": "I can't tonight, I already have something on."
          },
          {
            "term": "magari",
            "partOfSpeech": "adverb",
            "translation": "maybe; (as an answer) if only",
            "example": "Magari ci vediamo domani.",
            "exampleTranslation": "Maybe we'll see each other tomorrow."
          }
        ],
        "dialogue": {
          "setting": "Marco and Giulia plan a Saturday trip.",
          "lines": [
            {
              "speaker": "Marco",
              "line": "Giulia, ti va di fare una gita sabato?",
              "translation": "Giulia, do you fancy going on a trip on Saturday?"
            },
            {
              "speaker": "Giulia",
              "line": "Volentieri! Che ne diresti di andare sul lago di Como?",
              "translation": "Gladly! How about going to Lake Como?"
            },
            {
              "speaker": "Marco",
              "line": "Bella proposta. Potremmo prendere il treno delle nove.",
              "translation": "Good idea. We could take the nine o'clock train."
            },
            {
              "speaker": "Giulia",
              "line": "Purtroppo sabato mattina ho un impegno. Potremmo partire nel pomeriggio?",
              "translation": "Unfortunately I have something on on Saturday morning. Could we leave in the afternoon?"
            },
            {
              "speaker": "Marco",
              "line": "Va bene. Magari restiamo a cena lì e torniamo con l'ultimo treno.",
              "translation": "All right. Maybe we'll stay there for dinner and come back on the last train."
            },
            {
              "speaker": "Giulia",
              "line": "Perfetto, secondo me sarà una giornata bellissima.",
              "translation": "Perfect, I think it'll be a lovely day."
            }
          ]
        },
        "grammar": {
          "point": "The conditional for suggestions and polite requests",
          "explanation": "The condizionale presente makes suggestions and requests softer and more polite. Use potremmo (we could) to suggest, vorrei (I would like) to ask for something, and che ne diresti di + infinitive (what would you say to …) to propose a plan. It is formed from the future stem with -ei, -esti, -ebbe, -emmo, -este, -ebbero: andrei, verresti, potrebbe. Ti andrebbe di …? is a more polite way to say ti va di …?.",
          "examples": [
            {
              "sentence": "Potremmo andare al lago sabato.",
              "translation": "We could go to the lake on Saturday."
            },
            {
              "sentence": "Ti andrebbe di venire a cena da noi?",
              "translation": "Would you like to come to dinner at our place?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Make the suggestion more polite with the conditional.",
            "prompt": "Possiamo andare al cinema.",
            "answer": "Potremmo andare al cinema."
          },
          {
            "instruction": "Make the question more polite with the conditional.",
            "prompt": "Vuoi venire con noi?",
            "answer": "Vorresti venire con noi?"
          },
          {
            "instruction": "Complete with the conditional.",
            "prompt": "Che ne (dire, tu) di una pizza stasera?",
            "answer": "Che ne diresti di una pizza stasera?"
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "Do you fancy going for a walk? – Gladly!",
            "answer": "Ti va di fare una passeggiata? – Volentieri!"
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "I'm sorry, on Sunday I have a prior engagement.",
            "answer": "Mi dispiace, domenica ho un impegno."
          }
        ],
        "quiz": [
          {
            "question": "'Volentieri' means…",
            "options": [
              "gladly",
              "maybe",
              "unfortunately"
            ],
            "answerIndex": 0,
            "explanation": "Volentieri accepts an invitation with pleasure."
          },
          {
            "question": "Which is the most polite suggestion?",
            "options": [
              "Andiamo al mare!",
              "Potremmo andare al mare.",
              "Devi andare al mare."
            ],
            "answerIndex": 1,
            "explanation": "The conditional potremmo makes it a gentle suggestion."
          },
          {
            "question": "In 'Magari restiamo a cena lì', 'magari' means…",
            "options": [
              "maybe",
              "never",
              "already"
            ],
            "answerIndex": 0,
            "explanation": "Here magari means maybe."
          },
          {
            "question": "Complete politely: 'Ti ___ di venire con noi?'",
            "options": [
              "andrebbe",
              "andrà",
              "andasse"
            ],
            "answerIndex": 0,
            "explanation": "Ti andrebbe di …? is the conditional: would you like to …?"
          }
        ]
      }
    },
    {
      "title": "Talking about work",
      "goals": [
        "Talk about a job interview, pay and working hours",
        "Say how long something has been going on with da"
      ],
      "grammarPoint": "Da with the present: how long something has been going on",
      "answer": {
        "summary": "Talk about a job interview and working conditions, and say how long something has lasted with da and the present.",
        "vocabulary": [
          {
            "term": "colloquio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "(job) interview",
            "example": "Il colloquio è durato un'ora.",
            "exampleTranslation": "The interview lasted an hour."
          },
          {
            "term": "stipendio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "lo",
            "translation": "salary, wages",
            "example": "Lo stipendio arriva il 27 del mese.",
            "exampleTranslation": "The salary is paid on the 27th of the month."
          },
          {
            "term": "orario",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "l'",
            "translation": "working hours; timetable",
            "example": "Ho un orario flessibile.",
            "exampleTranslation": "I have flexible working hours."
          },
          {
            "term": "esperienza",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "l'",
            "translation": "experience",
            "example": "Ho dieci anni di esperienza nel settore.",
            "exampleTranslation": "I have ten years' experience in the field."
          },
          {
            "term": "contratto",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "contract",
            "example": "Ho firmato il contratto ieri.",
            "exampleTranslation": "I signed the contract yesterday."
          }
        ],
        "dialogue": {
          "setting": "Marco asks Giulia about a job interview she had this morning.",
          "lines": [
            {
              "speaker": "Marco",
              "line": "Allora, com'è andato il colloquio?",
              "translation": "So, how did the interview go?"
            },
            {
              "speaker": "Giulia",
              "line": "Bene, credo. Mi hanno fatto molte domande sulla mia esperienza all'estero.",
              "translation": "Well, I think. They asked me a lot about my experience abroad."
            },
            {
              "speaker": "Marco",
              "line": "E lo stipendio? È buono?",
              "translation": "And the salary? Is it good?"
            },
            {
              "speaker": "Giulia",
              "line": "Non è altissimo, ma il contratto è a tempo indeterminato e l'orario è flessibile.",
              "translation": "It's not very high, but the contract is permanent and the hours are flexible."
            },
            {
              "speaker": "Marco",
              "line": "Da quanto tempo cerchi un lavoro così?",
              "translation": "How long have you been looking for a job like that?"
            },
            {
              "speaker": "Giulia",
              "line": "Lo cerco da quasi un anno. Magari questa è la volta buona!",
              "translation": "I've been looking for almost a year. Maybe this is the one!"
            }
          ]
        },
        "grammar": {
          "point": "Da with the present: how long something has been going on",
          "explanation": "To say how long something has been going on, Italian uses the present tense with da, where English uses the present perfect: 'Lavoro qui da tre anni' means 'I have been working here for three years'. Da works with a length of time (da tre anni) and with a starting point (dal 2020, da gennaio). Ask with 'Da quanto tempo …?' and the present. If the action is over, use the passato prossimo with per: 'Ho lavorato a Roma per due anni.'",
          "examples": [
            {
              "sentence": "Lavoro in questa azienda da cinque anni.",
              "translation": "I have been working for this company for five years."
            },
            {
              "sentence": "Da quanto tempo aspetti una risposta?",
              "translation": "How long have you been waiting for an answer?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Translate into Italian using da.",
            "prompt": "I have been living in Turin for two years.",
            "answer": "Vivo a Torino da due anni."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "How long have you been working here? (tu)",
            "answer": "Da quanto tempo lavori qui?"
          },
          {
            "instruction": "Complete with da or per.",
            "prompt": "Ho lavorato a Londra ___ tre anni, poi sono tornato.",
            "answer": "Ho lavorato a Londra per tre anni, poi sono tornato."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "The salary is good, but the working hours are long.",
            "answer": "Lo stipendio è buono, ma l'orario è lungo."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "Tomorrow I have a job interview.",
            "answer": "Domani ho un colloquio di lavoro."
          }
        ],
        "quiz": [
          {
            "question": "'Lavoro qui da tre anni' means…",
            "options": [
              "I worked here three years ago",
              "I have been working here for three years",
              "I will work here for three years"
            ],
            "answerIndex": 1,
            "explanation": "Da + present: the action started three years ago and is still going on."
          },
          {
            "question": "Which article goes with 'stipendio'?",
            "options": [
              "il",
              "lo",
              "l'"
            ],
            "answerIndex": 1,
            "explanation": "Masculine nouns beginning with s + consonant take lo."
          },
          {
            "question": "'Un contratto a tempo indeterminato' is…",
            "options": [
              "a permanent contract",
              "a part-time contract",
              "a temporary contract"
            ],
            "answerIndex": 0,
            "explanation": "Indeterminato: with no end date."
          },
          {
            "question": "Complete: 'Ho molta ___ nel settore.'",
            "options": [
              "esperienza",
              "orario",
              "colloquio"
            ],
            "answerIndex": 0,
            "explanation": "Avere esperienza: to have experience."
          }
        ]
      }
    },
    {
      "title": "Complaining politely in a restaurant",
      "goals": [
        "Point out a problem politely in a restaurant",
        "Use combined pronouns such as me lo and glielo"
      ],
      "grammarPoint": "Combined pronouns: me lo, te la, glielo",
      "answer": {
        "summary": "Send back a cold dish and ask for the bill politely, using combined pronouns like me lo and glielo.",
        "vocabulary": [
          {
            "term": "cameriere",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "waiter",
            "example": "Il cameriere ci ha consigliato il vino della casa.",
            "exampleTranslation": "The waiter recommended the house wine."
          },
          {
            "term": "conto",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "bill",
            "example": "Possiamo pagare il conto con la carta?",
            "exampleTranslation": "Can we pay the bill by card?"
          },
          {
            "term": "piatto",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "dish; plate",
            "example": "Il piatto del giorno è la lasagna.",
            "exampleTranslation": "The dish of the day is lasagne."
          },
          {
            "term": "freddo",
            "partOfSpeech": "adjective",
            "translation": "cold",
            "example": "Il caffè è già freddo.",
            "exampleTranslation": "The coffee is already cold."
          },
          {
            "term": "scusi",
            "partOfSpeech": "interjection",
            "translation": "excuse me (polite, to one person)",
            "example": "Scusi, dov'è il bagno?",
            "exampleTranslation": "Excuse me, where is the toilet?"
          }
        ],
        "dialogue": {
          "setting": "Giulia is having lunch in a trattoria and has a problem with her dish.",
          "lines": [
            {
              "speaker": "Giulia",
              "line": "Scusi, cameriere!",
              "translation": "Excuse me, waiter!"
            },
            {
              "speaker": "Cameriere",
              "line": "Sì, signora, mi dica.",
              "translation": "Yes, madam, what can I do for you?"
            },
            {
              "speaker": "Giulia",
              "line": "Mi dispiace, ma questo piatto è freddo. Me lo potrebbe riscaldare?",
              "translation": "I'm sorry, but this dish is cold. Could you warm it up for me?"
            },
            {
              "speaker": "Cameriere",
              "line": "Ha ragione, mi scusi. Glielo riporto subito.",
              "translation": "You're right, I do apologise. I'll bring it back to you straight away."
            },
            {
              "speaker": "Giulia",
              "line": "Grazie. E quando ha un momento, mi porta anche il conto?",
              "translation": "Thank you. And when you have a moment, could you bring me the bill too?"
            },
            {
              "speaker": "Cameriere",
              "line": "Certo, glielo porto insieme al caffè.",
              "translation": "Of course, I'll bring it to you with the coffee."
            }
          ]
        },
        "grammar": {
          "point": "Combined pronouns: me lo, te la, glielo",
          "explanation": "When an indirect and a direct object pronoun meet, they combine, the indirect one first. Mi, ti, ci and vi become me, te, ce and ve before lo, la, li, le and ne: 'Me lo porta?' (Will you bring it to me?). Gli and le (to him, to her, and to you in the polite Lei form) both become glie- and are written as one word with the direct pronoun: glielo, gliela, glieli. With an infinitive the pronouns can also be joined to its end: 'Può portarmelo?'",
          "examples": [
            {
              "sentence": "Il conto? Glielo porto subito.",
              "translation": "The bill? I'll bring it to you right away."
            },
            {
              "sentence": "Scusi, me lo può riscaldare?",
              "translation": "Excuse me, can you warm it up for me?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Replace both objects with combined pronouns.",
            "prompt": "Porto il conto alla signora.",
            "answer": "Glielo porto."
          },
          {
            "instruction": "Replace the direct object with a pronoun.",
            "prompt": "Mi porta il menù?",
            "answer": "Me lo porta?"
          },
          {
            "instruction": "Replace the direct object with a pronoun.",
            "prompt": "Ti do la ricetta.",
            "answer": "Te la do."
          },
          {
            "instruction": "Replace the direct object with a pronoun.",
            "prompt": "Ci potete portare due caffè?",
            "answer": "Ce li potete portare?"
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "Excuse me, the dish is cold. (use Lei)",
            "answer": "Scusi, il piatto è freddo."
          }
        ],
        "quiz": [
          {
            "question": "How do you say 'I'll bring it to her' (il conto)?",
            "options": [
              "Le lo porto.",
              "Glielo porto.",
              "Lo le porto."
            ],
            "answerIndex": 1,
            "explanation": "Le + lo becomes glielo, written as one word."
          },
          {
            "question": "Mi + la becomes…",
            "options": [
              "mi la",
              "me la",
              "mela"
            ],
            "answerIndex": 1,
            "explanation": "Mi becomes me before a direct pronoun."
          },
          {
            "question": "How do you politely call a waiter you don't know?",
            "options": [
              "Scusi!",
              "Scusa!",
              "Ciao!"
            ],
            "answerIndex": 0,
            "explanation": "Scusi is the Lei form; scusa is for friends."
          },
          {
            "question": "'Il conto' is…",
            "options": [
              "the bill",
              "the tip",
              "the menu"
            ],
            "answerIndex": 0,
            "explanation": "Il conto is what you pay at the end."
          }
        ]
      }
    },
    {
      "title": "Renting a flat",
      "goals": [
        "Ask about a flat to rent on the phone",
        "Use ci and ne to avoid repeating words"
      ],
      "grammarPoint": "The pronouns ci and ne",
      "answer": {
        "summary": "Call about a flat to rent, ask about the rent and the bills, and use ci and ne.",
        "vocabulary": [
          {
            "term": "affitto",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "l'",
            "translation": "rent",
            "example": "L'affitto si paga all'inizio del mese.",
            "exampleTranslation": "The rent is paid at the start of the month."
          },
          {
            "term": "appartamento",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "l'",
            "translation": "flat, apartment",
            "example": "Cerco un appartamento in centro.",
            "exampleTranslation": "I'm looking for a flat in the centre."
          },
          {
            "term": "padrone di casa",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "landlord",
            "example": "Il padrone di casa abita al piano di sopra.",
            "exampleTranslation": "The landlord lives upstairs."
          },
          {
            "term": "bolletta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "(utility) bill",
            "example": "La bolletta del gas è arrivata ieri.",
            "exampleTranslation": "The gas bill arrived yesterday."
          },
          {
            "term": "arredato",
            "partOfSpeech": "adjective",
            "translation": "furnished",
            "example": "Affittano solo appartamenti arredati.",
            "exampleTranslation": "They only rent out furnished flats."
          }
        ],
        "dialogue": {
          "setting": "Marco calls the landlord about a flat he saw advertised.",
          "lines": [
            {
              "speaker": "Marco",
              "line": "Buongiorno, chiamo per l'appartamento in via Garibaldi. È ancora libero?",
              "translation": "Good morning, I'm calling about the flat in Via Garibaldi. Is it still available?"
            },
            {
              "speaker": "Padrone di casa",
              "line": "Sì, è libero. È arredato e ha due camere da letto.",
              "translation": "Yes, it is. It's furnished and has two bedrooms."
            },
            {
              "speaker": "Marco",
              "line": "Quant'è l'affitto?",
              "translation": "How much is the rent?"
            },
            {
              "speaker": "Padrone di casa",
              "line": "Ottocento euro al mese, bollette escluse.",
              "translation": "Eight hundred euros a month, bills not included."
            },
            {
              "speaker": "Marco",
              "line": "E quanto viene di solito la bolletta della luce?",
              "translation": "And how much is the electricity bill usually?"
            },
            {
              "speaker": "Padrone di casa",
              "line": "Circa cinquanta euro al mese. Magari ne parliamo meglio quando viene a vederlo.",
              "translation": "About fifty euros a month. Perhaps we can talk about it properly when you come to see it."
            }
          ]
        },
        "grammar": {
          "point": "The pronouns ci and ne",
          "explanation": "Ne stands for a quantity or for a phrase with di: 'Quante camere ci sono? Ce ne sono due' (There are two of them); 'Che ne pensi?' (What do you think of it?). Ci stands for a place introduced by a, in or su: 'Ci vivo da un anno' (I've been living there for a year); it is also the ci of c'è and ci sono. When ci meets ne or a direct object pronoun it becomes ce: ce ne sono, ce l'ho.",
          "examples": [
            {
              "sentence": "Quante camere ha l'appartamento? Ne ha due.",
              "translation": "How many bedrooms does the flat have? It has two."
            },
            {
              "sentence": "Ci abito da due mesi.",
              "translation": "I've been living there for two months."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Answer with ne.",
            "prompt": "Quante camere ha l'appartamento? (due)",
            "answer": "Ne ha due."
          },
          {
            "instruction": "Answer with ci.",
            "prompt": "Da quanto tempo vivi a Bologna? (un anno)",
            "answer": "Ci vivo da un anno."
          },
          {
            "instruction": "Answer with ce ne.",
            "prompt": "Quanti bagni ci sono? (uno)",
            "answer": "Ce n'è uno."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "The flat is furnished and the rent is 700 euros.",
            "answer": "L'appartamento è arredato e l'affitto è di settecento euro."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "I have to call the landlord about the bill.",
            "answer": "Devo chiamare il padrone di casa per la bolletta."
          }
        ],
        "quiz": [
          {
            "question": "'Bollette escluse' means…",
            "options": [
              "bills included",
              "bills not included",
              "there are no bills"
            ],
            "answerIndex": 1,
            "explanation": "Escluso means excluded, not included."
          },
          {
            "question": "'Quanti caffè bevi al giorno?' – '___ bevo tre.'",
            "options": [
              "Ci",
              "Ne",
              "Lo"
            ],
            "answerIndex": 1,
            "explanation": "Ne stands for a quantity: ne bevo tre."
          },
          {
            "question": "'Un appartamento arredato' is…",
            "options": [
              "a furnished flat",
              "a rented flat",
              "a large flat"
            ],
            "answerIndex": 0,
            "explanation": "Arredato means furnished."
          },
          {
            "question": "In 'Ci vado domani', what does 'ci' stand for?",
            "options": [
              "a place",
              "a quantity",
              "a person"
            ],
            "answerIndex": 0,
            "explanation": "Ci replaces a place: vado lì domani."
          }
        ]
      }
    },
    {
      "title": "Telling a travel story",
      "goals": [
        "Tell a story about a trip",
        "Use the imperfetto and the passato prossimo together"
      ],
      "grammarPoint": "Imperfetto and passato prossimo in a story",
      "answer": {
        "summary": "Tell the story of an eventful trip, with the imperfetto for the background and the passato prossimo for the events.",
        "vocabulary": [
          {
            "term": "viaggio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "trip, journey",
            "example": "Il viaggio in treno dura quattro ore.",
            "exampleTranslation": "The train journey takes four hours."
          },
          {
            "term": "mentre",
            "partOfSpeech": "conjunction",
            "translation": "while",
            "example": "Mentre cucinavo, ascoltavo la radio.",
            "exampleTranslation": "While I was cooking, I listened to the radio."
          },
          {
            "term": "sciopero",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "lo",
            "translation": "strike",
            "example": "Domani c'è uno sciopero dei treni.",
            "exampleTranslation": "There's a train strike tomorrow."
          },
          {
            "term": "all'improvviso",
            "partOfSpeech": "adverb",
            "translation": "suddenly",
            "example": "All'improvviso si è messo a piovere.",
            "exampleTranslation": "Suddenly it started to rain."
          },
          {
            "term": "bagaglio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "luggage, bag",
            "example": "Il mio bagaglio non è arrivato.",
            "exampleTranslation": "My luggage didn't arrive."
          }
        ],
        "dialogue": {
          "setting": "Giulia asks Marco about his trip to Naples.",
          "lines": [
            {
              "speaker": "Giulia",
              "line": "Com'è andato il viaggio a Napoli?",
              "translation": "How was the trip to Naples?"
            },
            {
              "speaker": "Marco",
              "line": "All'inizio è stato un disastro! Mentre aspettavamo il treno, hanno annunciato uno sciopero.",
              "translation": "At first it was a disaster! While we were waiting for the train, they announced a strike."
            },
            {
              "speaker": "Giulia",
              "line": "Oh no! E cosa avete fatto?",
              "translation": "Oh no! So what did you do?"
            },
            {
              "speaker": "Marco",
              "line": "Abbiamo preso un autobus. Però all'improvviso ci siamo accorti che mancava un bagaglio.",
              "translation": "We took a bus. But suddenly we realised one bag was missing."
            },
            {
              "speaker": "Giulia",
              "line": "Non ci credo! E l'avete ritrovato?",
              "translation": "I don't believe it! And did you find it?"
            },
            {
              "speaker": "Marco",
              "line": "Sì, per fortuna un signore ce l'ha portato. Alla fine è stata una vacanza bellissima.",
              "translation": "Yes, luckily a man brought it to us. In the end it was a wonderful holiday."
            }
          ]
        },
        "grammar": {
          "point": "Imperfetto and passato prossimo in a story",
          "explanation": "Italian tells a story with two past tenses. The imperfetto describes the background: what was going on, how things were, and habits (aspettavamo, pioveva, ero stanco, andavo al mare ogni estate). The passato prossimo tells the events that happened and moved the story on (hanno annunciato, abbiamo preso). With mentre, the imperfetto gives the action in progress, which is often interrupted by an event in the passato prossimo.",
          "examples": [
            {
              "sentence": "Mentre cenavamo, è andata via la luce.",
              "translation": "While we were having dinner, the power went off."
            },
            {
              "sentence": "Quando ero piccolo, andavo al mare ogni estate.",
              "translation": "When I was little, I went to the seaside every summer."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Put the verbs into the imperfetto or the passato prossimo.",
            "prompt": "Mentre (io, leggere), (arrivare) Marco.",
            "answer": "Mentre leggevo, è arrivato Marco."
          },
          {
            "instruction": "Put the verbs into the imperfetto or the passato prossimo.",
            "prompt": "(Piovere) quando (noi, uscire).",
            "answer": "Pioveva quando siamo usciti."
          },
          {
            "instruction": "Put the verb into the right past tense.",
            "prompt": "Da bambina Giulia (passare) le estati in Puglia.",
            "answer": "Da bambina Giulia passava le estati in Puglia."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "Suddenly the train stopped.",
            "answer": "All'improvviso il treno si è fermato."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "In my opinion the trip was too short.",
            "answer": "Secondo me il viaggio è stato troppo breve."
          }
        ],
        "quiz": [
          {
            "question": "Which tense describes the background of a story?",
            "options": [
              "imperfetto",
              "passato prossimo",
              "futuro"
            ],
            "answerIndex": 0,
            "explanation": "The imperfetto sets the scene; the passato prossimo tells what happened."
          },
          {
            "question": "Complete: 'Mentre ___ il treno, è cominciato lo sciopero.'",
            "options": [
              "aspettavamo",
              "abbiamo aspettato",
              "aspetteremo"
            ],
            "answerIndex": 0,
            "explanation": "The action in progress after mentre takes the imperfetto."
          },
          {
            "question": "'Uno sciopero' is…",
            "options": [
              "a strike",
              "a delay",
              "a ticket"
            ],
            "answerIndex": 0,
            "explanation": "Uno sciopero: workers stop working."
          },
          {
            "question": "'Il bagaglio' is…",
            "options": [
              "the luggage",
              "the ticket",
              "the platform"
            ],
            "answerIndex": 0,
            "explanation": "Il bagaglio is your luggage."
          }
        ]
      }
    },
    {
      "title": "Dreams and hypotheses",
      "goals": [
        "Talk about what you would do in an imagined situation",
        "Use se with the congiuntivo imperfetto and the conditional"
      ],
      "grammarPoint": "Unlikely conditions: se + congiuntivo imperfetto + condizionale",
      "answer": {
        "summary": "Imagine winning the lottery: talk about dreams and hypotheses with se, the congiuntivo imperfetto and the conditional.",
        "vocabulary": [
          {
            "term": "lotteria",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "lottery",
            "example": "Non ho mai vinto niente alla lotteria.",
            "exampleTranslation": "I've never won anything in the lottery."
          },
          {
            "term": "sogno",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "dream",
            "example": "Il mio sogno è vivere in Sicilia.",
            "exampleTranslation": "My dream is to live in Sicily."
          },
          {
            "term": "giro del mondo",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "trip around the world",
            "example": "Dopo la laurea ha fatto il giro del mondo.",
            "exampleTranslation": "After graduating she travelled around the world."
          },
          {
            "term": "risparmiare",
            "partOfSpeech": "verb",
            "translation": "to save (money, time)",
            "example": "Quest'anno voglio risparmiare per una macchina nuova.",
            "exampleTranslation": "This year I want to save up for a new car."
          },
          {
            "term": "pensione",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "pension; (andare in pensione) to retire",
            "example": "Mio padre è andato in pensione a sessantacinque anni.",
            "exampleTranslation": "My father retired at sixty-five."
          }
        ],
        "dialogue": {
          "setting": "Giulia and Marco daydream over coffee.",
          "lines": [
            {
              "speaker": "Giulia",
              "line": "Marco, che cosa faresti se vincessi alla lotteria?",
              "translation": "Marco, what would you do if you won the lottery?"
            },
            {
              "speaker": "Marco",
              "line": "Facile: mi prenderei un anno libero e farei il giro del mondo.",
              "translation": "Easy: I'd take a year off and travel around the world."
            },
            {
              "speaker": "Giulia",
              "line": "Che bel sogno! Io invece comprerei un appartamento a Roma.",
              "translation": "What a lovely dream! I'd buy a flat in Rome instead."
            },
            {
              "speaker": "Marco",
              "line": "E il lavoro? Lo lasceresti?",
              "translation": "And your job? Would you leave it?"
            },
            {
              "speaker": "Giulia",
              "line": "No, se lasciassi il lavoro, mi annoierei. Metterei da parte qualcosa per la pensione.",
              "translation": "No, if I left my job, I'd get bored. I'd put something aside for my pension."
            },
            {
              "speaker": "Marco",
              "line": "Allora io viaggio e tu lavori: siamo proprio diversi!",
              "translation": "So I travel and you work: we really are different!"
            }
          ]
        },
        "grammar": {
          "point": "Unlikely conditions: se + congiuntivo imperfetto + condizionale",
          "explanation": "For an imagined or unlikely situation, Italian puts the se clause in the congiuntivo imperfetto and the result in the condizionale presente: 'Se vincessi alla lotteria, farei il giro del mondo' (If I won the lottery, I would travel around the world). Never use the conditional after se. The congiuntivo imperfetto adds -ssi, -ssi, -sse, -ssimo, -ste, -ssero to the stem of the imperfetto: parlassi, avessi; essere is irregular: fossi, fosse, fossimo.",
          "examples": [
            {
              "sentence": "Se avessi più tempo, imparerei il giapponese.",
              "translation": "If I had more time, I would learn Japanese."
            },
            {
              "sentence": "Se fossimo in pensione, vivremmo al mare.",
              "translation": "If we were retired, we would live by the sea."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the congiuntivo imperfetto and the conditional.",
            "prompt": "Se (io, avere) tempo, (venire) con voi.",
            "answer": "Se avessi tempo, verrei con voi."
          },
          {
            "instruction": "Complete with the congiuntivo imperfetto and the conditional.",
            "prompt": "Se (noi, essere) ricchi, (comprare) una casa al mare.",
            "answer": "Se fossimo ricchi, compreremmo una casa al mare."
          },
          {
            "instruction": "Correct the mistake.",
            "prompt": "Se avrei soldi, farei il giro del mondo.",
            "answer": "Se avessi soldi, farei il giro del mondo."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "It's hard to save money in a big city.",
            "answer": "È difficile risparmiare in una grande città."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "If I won the lottery, I would retire.",
            "answer": "Se vincessi alla lotteria, andrei in pensione."
          }
        ],
        "quiz": [
          {
            "question": "Complete: 'Se ___ più tempo, leggerei di più.'",
            "options": [
              "avrei",
              "avessi",
              "ho avuto"
            ],
            "answerIndex": 1,
            "explanation": "After se in an unlikely condition: congiuntivo imperfetto, avessi."
          },
          {
            "question": "In an unlikely condition, which form follows se?",
            "options": [
              "the congiuntivo imperfetto",
              "the condizionale",
              "the futuro"
            ],
            "answerIndex": 0,
            "explanation": "The conditional goes in the result clause, never after se."
          },
          {
            "question": "'Andare in pensione' means…",
            "options": [
              "to retire",
              "to stay at a guesthouse",
              "to go on holiday"
            ],
            "answerIndex": 0,
            "explanation": "Una pensione can also be a guesthouse, but andare in pensione means to retire."
          },
          {
            "question": "'Il giro del mondo' is…",
            "options": [
              "a trip around the world",
              "a world map",
              "a world record"
            ],
            "answerIndex": 0,
            "explanation": "Fare il giro del mondo: to travel around the world."
          }
        ]
      }
    },
    {
      "title": "Passing on news",
      "goals": [
        "Report what someone said",
        "Move tenses back in reported speech"
      ],
      "grammarPoint": "Reported speech after a past verb",
      "answer": {
        "summary": "Pass on office news and report what people said, moving the tenses back in reported speech.",
        "vocabulary": [
          {
            "term": "notizia",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "(piece of) news",
            "example": "Ho una bella notizia per te.",
            "exampleTranslation": "I have some good news for you."
          },
          {
            "term": "a quanto pare",
            "partOfSpeech": "phrase",
            "translation": "apparently",
            "example": "A quanto pare domani nevica.",
            "exampleTranslation": "Apparently it's going to snow tomorrow."
          },
          {
            "term": "pettegolezzo",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "il",
            "translation": "piece of gossip",
            "example": "Non credere a ogni pettegolezzo che senti.",
            "exampleTranslation": "Don't believe every bit of gossip you hear."
          },
          {
            "term": "riunione",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "meeting",
            "example": "La riunione è stata rimandata a lunedì.",
            "exampleTranslation": "The meeting has been postponed to Monday."
          },
          {
            "term": "promessa",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "promise",
            "example": "Una promessa è una promessa.",
            "exampleTranslation": "A promise is a promise."
          }
        ],
        "dialogue": {
          "setting": "Giulia tells Marco some news from the office.",
          "lines": [
            {
              "speaker": "Giulia",
              "line": "Hai sentito la notizia? A quanto pare Luca lascia l'azienda.",
              "translation": "Have you heard the news? Apparently Luca is leaving the company."
            },
            {
              "speaker": "Marco",
              "line": "Davvero? Chi te l'ha detto? Non sarà il solito pettegolezzo?",
              "translation": "Really? Who told you? It isn't just the usual gossip, is it?"
            },
            {
              "speaker": "Giulia",
              "line": "No, me l'ha detto lui alla riunione di ieri. Ha detto che aveva trovato un lavoro a Milano.",
              "translation": "No, he told me himself at yesterday's meeting. He said he had found a job in Milan."
            },
            {
              "speaker": "Marco",
              "line": "Ma a gennaio mi aveva fatto una promessa: aveva detto che sarebbe rimasto almeno un altro anno!",
              "translation": "But in January he made me a promise: he said he would stay at least another year!"
            },
            {
              "speaker": "Giulia",
              "line": "Secondo me ha ricevuto un'offerta che non poteva rifiutare.",
              "translation": "I think he got an offer he couldn't refuse."
            },
            {
              "speaker": "Marco",
              "line": "Beh, allora gli organizziamo una bella festa d'addio.",
              "translation": "Well, then let's throw him a good leaving party."
            }
          ]
        },
        "grammar": {
          "point": "Reported speech after a past verb",
          "explanation": "When the reporting verb is in the past (ha detto, ha spiegato), the tenses move back: the present becomes the imperfetto, the passato prossimo becomes the trapassato prossimo, and the future becomes the condizionale passato. 'Sono stanco' becomes 'Ha detto che era stanco'; 'Ho finito' becomes 'Ha detto che aveva finito'; 'Verrò' becomes 'Ha detto che sarebbe venuto'. Pronouns and words of time and place change too: domani becomes il giorno dopo, qui becomes lì.",
          "examples": [
            {
              "sentence": "Luca ha detto che sarebbe arrivato il giorno dopo.",
              "translation": "Luca said he would arrive the next day."
            },
            {
              "sentence": "Mi ha spiegato che la riunione era stata rimandata.",
              "translation": "She explained to me that the meeting had been postponed."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Report what Luca said.",
            "prompt": "Luca: «Sono stanco.» → Luca ha detto che…",
            "answer": "Luca ha detto che era stanco."
          },
          {
            "instruction": "Report what Giulia said.",
            "prompt": "Giulia: «Ho finito il progetto.» → Giulia ha detto che…",
            "answer": "Giulia ha detto che aveva finito il progetto."
          },
          {
            "instruction": "Report what Marco said.",
            "prompt": "Marco: «Verrò alla riunione.» → Marco ha detto che…",
            "answer": "Marco ha detto che sarebbe venuto alla riunione."
          },
          {
            "instruction": "Report what Anna said, changing the time word.",
            "prompt": "Anna: «Parto domani.» → Anna ha detto che…",
            "answer": "Anna ha detto che partiva il giorno dopo."
          },
          {
            "instruction": "Translate into Italian.",
            "prompt": "Apparently the news isn't true: it was just gossip.",
            "answer": "A quanto pare la notizia non è vera: era solo un pettegolezzo."
          }
        ],
        "quiz": [
          {
            "question": "«Arriverò alle otto» becomes: 'Ha detto che…'",
            "options": [
              "arriverà alle otto",
              "sarebbe arrivato alle otto",
              "è arrivato alle otto"
            ],
            "answerIndex": 1,
            "explanation": "The future moves back to the condizionale passato."
          },
          {
            "question": "After 'ha detto che', 'domani' usually becomes…",
            "options": [
              "ieri",
              "il giorno dopo",
              "oggi"
            ],
            "answerIndex": 1,
            "explanation": "Time words shift too: domani becomes il giorno dopo."
          },
          {
            "question": "'Un pettegolezzo' is…",
            "options": [
              "a piece of gossip",
              "a small cake",
              "a business meeting"
            ],
            "answerIndex": 0,
            "explanation": "Un pettegolezzo is gossip about someone."
          },
          {
            "question": "'A quanto pare' means…",
            "options": [
              "apparently",
              "how much is it",
              "as far as I know"
            ],
            "answerIndex": 0,
            "explanation": "A quanto pare: apparently, it seems."
          }
        ]
      }
    }
  ]
} satisfies DemoCourseData;
