import type { DemoCourseData } from '../demo-library.js';

// The demo's course for examples/spanish-travel.course.yaml, written by hand (see demo-library.ts): data only,
// a module rather than a .json file so it is compiled and packed with the app's JavaScript.
export default {
  "spec": {
    "title": "Spanish for Travellers",
    "language": "Spanish",
    "nativeLanguage": "English",
    "level": "A1"
  },
  "summary": "Ten short lessons for a first trip to Spain: greeting people, the airport, the hotel, ordering in a bar, finding your way, shopping, the train, the pharmacy, a museum and making plans. Each lesson teaches five words and phrases in a real situation and one grammar point, with practice that brings back earlier words.",
  "lessons": [
    {
      "title": "Greetings and introductions",
      "goals": [
        "Greet people and say goodbye",
        "Say your name and where you are from"
      ],
      "grammarPoint": "The verb ser: soy, eres, es",
      "answer": {
        "summary": "Say hello and goodbye, give your name and say where you are from with the verb ser.",
        "vocabulary": [
          {
            "term": "hola",
            "partOfSpeech": "interjection",
            "translation": "hello",
            "example": "¡Hola, Ana!",
            "exampleTranslation": "Hello, Ana!"
          },
          {
            "term": "buenos días",
            "partOfSpeech": "phrase",
            "translation": "good morning",
            "example": "Buenos días, señor García.",
            "exampleTranslation": "Good morning, Mr García."
          },
          {
            "term": "me llamo",
            "partOfSpeech": "phrase",
            "translation": "my name is",
            "example": "Me llamo Tom.",
            "exampleTranslation": "My name is Tom."
          },
          {
            "term": "encantado",
            "partOfSpeech": "adjective",
            "translation": "pleased to meet you (said by a man; a woman says encantada)",
            "example": "Encantado, Ana.",
            "exampleTranslation": "Pleased to meet you, Ana."
          },
          {
            "term": "adiós",
            "partOfSpeech": "interjection",
            "translation": "goodbye",
            "example": "¡Adiós, hasta mañana!",
            "exampleTranslation": "Goodbye, see you tomorrow!"
          }
        ],
        "dialogue": {
          "setting": "Tom, a tourist, meets Ana in the lobby of a hotel in Madrid.",
          "lines": [
            {
              "speaker": "Ana",
              "line": "¡Hola! Buenos días.",
              "translation": "Hello! Good morning."
            },
            {
              "speaker": "Tom",
              "line": "Buenos días. Me llamo Tom. ¿Y tú?",
              "translation": "Good morning. My name is Tom. And you?"
            },
            {
              "speaker": "Ana",
              "line": "Me llamo Ana. Soy de Madrid.",
              "translation": "My name is Ana. I'm from Madrid."
            },
            {
              "speaker": "Tom",
              "line": "Encantado, Ana. Yo soy de Londres.",
              "translation": "Pleased to meet you, Ana. I'm from London."
            },
            {
              "speaker": "Ana",
              "line": "Encantada. ¡Adiós, Tom!",
              "translation": "Pleased to meet you. Goodbye, Tom!"
            },
            {
              "speaker": "Tom",
              "line": "¡Adiós!",
              "translation": "Goodbye!"
            }
          ]
        },
        "grammar": {
          "point": "The verb ser: soy, eres, es",
          "explanation": "Use ser (to be) to say who you are and where you are from. It is irregular: yo soy (I am), tú eres (you are, to a friend), usted es (you are, polite), él or ella es (he or she is). Spanish usually leaves out the word for 'I' or 'you', because the verb ending already shows the person: 'Soy de Londres' means 'I am from London'. Ask a friend '¿De dónde eres?' and a stranger '¿De dónde es usted?'.",
          "examples": [
            {
              "sentence": "Soy Tom y soy de Londres.",
              "translation": "I am Tom and I am from London."
            },
            {
              "sentence": "¿De dónde es usted?",
              "translation": "Where are you from? (polite)"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Hello! Good morning.",
            "answer": "¡Hola! Buenos días."
          },
          {
            "instruction": "Complete with the right form of ser.",
            "prompt": "Yo ___ de Londres.",
            "answer": "Yo soy de Londres."
          },
          {
            "instruction": "Complete with the right form of ser.",
            "prompt": "¿De dónde ___ tú?",
            "answer": "¿De dónde eres tú?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "My name is Ana.",
            "answer": "Me llamo Ana."
          },
          {
            "instruction": "Translate into Spanish (a man is speaking).",
            "prompt": "Goodbye, Ana! Pleased to meet you.",
            "answer": "¡Adiós, Ana! Encantado."
          }
        ],
        "quiz": [
          {
            "question": "What does 'adiós' mean?",
            "options": [
              "hello",
              "goodbye",
              "thank you"
            ],
            "answerIndex": 1,
            "explanation": "'Adiós' is goodbye; 'hola' is hello."
          },
          {
            "question": "Which greeting do you use in the morning?",
            "options": [
              "Buenas noches",
              "Buenos días",
              "Adiós"
            ],
            "answerIndex": 1,
            "explanation": "'Buenos días' is good morning; 'buenas noches' is for the night."
          },
          {
            "question": "Complete: 'Yo ___ de Madrid.'",
            "options": [
              "eres",
              "es",
              "soy"
            ],
            "answerIndex": 2,
            "explanation": "With yo the form of ser is soy."
          },
          {
            "question": "A man says 'Pleased to meet you'. What does he say?",
            "options": [
              "Encantado",
              "Encantada",
              "Me llamo"
            ],
            "answerIndex": 0,
            "explanation": "A man says encantado, a woman encantada."
          }
        ]
      }
    },
    {
      "title": "At the airport",
      "goals": [
        "Check in for a flight",
        "Ask where things are at the airport"
      ],
      "grammarPoint": "The definite articles el, la, los, las",
      "answer": {
        "summary": "Check in at the airport, ask where the gate is and use el, la, los and las.",
        "vocabulary": [
          {
            "term": "pasaporte",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "passport",
            "example": "Mi pasaporte está en la maleta.",
            "exampleTranslation": "My passport is in the suitcase."
          },
          {
            "term": "maleta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "suitcase",
            "example": "Tengo una maleta pequeña.",
            "exampleTranslation": "I have a small suitcase."
          },
          {
            "term": "vuelo",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "flight",
            "example": "El vuelo a Sevilla sale a las diez.",
            "exampleTranslation": "The flight to Seville leaves at ten."
          },
          {
            "term": "puerta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "gate; door",
            "example": "La puerta de embarque es la doce.",
            "exampleTranslation": "The boarding gate is number twelve."
          },
          {
            "term": "¿dónde está?",
            "partOfSpeech": "phrase",
            "translation": "where is it?",
            "example": "¿Dónde está la salida?",
            "exampleTranslation": "Where is the exit?"
          }
        ],
        "dialogue": {
          "setting": "Tom checks in for his flight to Seville at Madrid airport.",
          "lines": [
            {
              "speaker": "Empleada",
              "line": "Buenos días. Su pasaporte, por favor.",
              "translation": "Good morning. Your passport, please."
            },
            {
              "speaker": "Tom",
              "line": "Aquí tiene. ¿Dónde está la puerta del vuelo a Sevilla?",
              "translation": "Here you are. Where is the gate for the flight to Seville?"
            },
            {
              "speaker": "Empleada",
              "line": "Es la puerta doce. ¿Tiene maleta?",
              "translation": "It's gate twelve. Do you have a suitcase?"
            },
            {
              "speaker": "Tom",
              "line": "Sí, tengo una maleta.",
              "translation": "Yes, I have a suitcase."
            },
            {
              "speaker": "Empleada",
              "line": "Muy bien. Su vuelo sale a las diez.",
              "translation": "Very good. Your flight leaves at ten."
            },
            {
              "speaker": "Tom",
              "line": "Gracias. ¡Adiós!",
              "translation": "Thank you. Goodbye!"
            }
          ]
        },
        "grammar": {
          "point": "The definite articles el, la, los, las",
          "explanation": "Every Spanish noun is masculine or feminine, and the word for 'the' shows which: el for a masculine noun (el pasaporte, el vuelo), la for a feminine one (la maleta, la puerta). In the plural they become los and las: los vuelos, las maletas. Most nouns ending in -o are masculine and most ending in -a are feminine, but learn each noun with its article, because there are exceptions. Nouns ending in a vowel add -s in the plural.",
          "examples": [
            {
              "sentence": "La maleta es grande.",
              "translation": "The suitcase is big."
            },
            {
              "sentence": "Los pasaportes, por favor.",
              "translation": "Passports, please."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Write the article: el or la.",
            "prompt": "___ maleta",
            "answer": "la maleta"
          },
          {
            "instruction": "Write the article: el or la.",
            "prompt": "___ pasaporte",
            "answer": "el pasaporte"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Where is gate five?",
            "answer": "¿Dónde está la puerta cinco?"
          },
          {
            "instruction": "Write the plural.",
            "prompt": "la maleta",
            "answer": "las maletas"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "My flight leaves at ten.",
            "answer": "Mi vuelo sale a las diez."
          }
        ],
        "quiz": [
          {
            "question": "What is 'la maleta'?",
            "options": [
              "the suitcase",
              "the passport",
              "the gate"
            ],
            "answerIndex": 0,
            "explanation": "La maleta is the suitcase."
          },
          {
            "question": "Which article goes with 'vuelo'?",
            "options": [
              "la",
              "el",
              "las"
            ],
            "answerIndex": 1,
            "explanation": "Vuelo is masculine and singular: el vuelo."
          },
          {
            "question": "What is the plural of 'el pasaporte'?",
            "options": [
              "las pasaportes",
              "los pasaportes",
              "el pasaportes"
            ],
            "answerIndex": 1,
            "explanation": "Masculine plural takes los, and the noun adds -s."
          },
          {
            "question": "You are looking for your gate. What do you ask?",
            "options": [
              "¿Dónde está la puerta?",
              "¿Dónde está el vuelo?",
              "¿De dónde eres?"
            ],
            "answerIndex": 0,
            "explanation": "'¿Dónde está la puerta?' asks where the gate is."
          }
        ]
      }
    },
    {
      "title": "Checking into a hotel",
      "goals": [
        "Check into a hotel with a booking",
        "Say what you have with tener"
      ],
      "grammarPoint": "The verb tener: tengo, tienes, tiene",
      "answer": {
        "summary": "Check into a hotel, ask about breakfast and say what you have with the verb tener.",
        "vocabulary": [
          {
            "term": "habitación",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "room",
            "example": "La habitación tiene dos camas.",
            "exampleTranslation": "The room has two beds."
          },
          {
            "term": "reserva",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "booking, reservation",
            "example": "Tengo una reserva a nombre de Baker.",
            "exampleTranslation": "I have a booking under the name Baker."
          },
          {
            "term": "llave",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "key",
            "example": "Aquí tiene la llave.",
            "exampleTranslation": "Here is the key."
          },
          {
            "term": "noche",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "night",
            "example": "Una noche en este hotel cuesta ochenta euros.",
            "exampleTranslation": "One night in this hotel costs eighty euros."
          },
          {
            "term": "desayuno",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "breakfast",
            "example": "El desayuno es a las ocho.",
            "exampleTranslation": "Breakfast is at eight."
          }
        ],
        "dialogue": {
          "setting": "Tom arrives at his hotel in Seville in the afternoon.",
          "lines": [
            {
              "speaker": "Recepcionista",
              "line": "Buenas tardes. ¿Tiene usted una reserva?",
              "translation": "Good afternoon. Do you have a booking?"
            },
            {
              "speaker": "Tom",
              "line": "Sí. Me llamo Tom Baker. Es una habitación para una noche.",
              "translation": "Yes. My name is Tom Baker. It's a room for one night."
            },
            {
              "speaker": "Recepcionista",
              "line": "Perfecto. Aquí tiene la llave. Es la habitación 204.",
              "translation": "Perfect. Here is the key. It's room 204."
            },
            {
              "speaker": "Tom",
              "line": "Gracias. ¿El desayuno está incluido?",
              "translation": "Thank you. Is breakfast included?"
            },
            {
              "speaker": "Recepcionista",
              "line": "Sí, el desayuno es de siete a diez.",
              "translation": "Yes, breakfast is from seven to ten."
            },
            {
              "speaker": "Tom",
              "line": "Muy bien, gracias.",
              "translation": "Very good, thank you."
            }
          ]
        },
        "grammar": {
          "point": "The verb tener: tengo, tienes, tiene",
          "explanation": "Use tener (to have) for what you have, own or have booked. It is irregular: yo tengo, tú tienes, usted or él or ella tiene, nosotros tenemos, vosotros tenéis, ustedes or ellos tienen. 'Tengo una reserva' means 'I have a booking', and a receptionist asks a guest '¿Tiene usted una reserva?'. Spanish also uses tener for age: 'Tengo treinta años' means 'I am thirty'.",
          "examples": [
            {
              "sentence": "Tengo una reserva para dos noches.",
              "translation": "I have a booking for two nights."
            },
            {
              "sentence": "¿Tenéis la llave?",
              "translation": "Do you (all) have the key?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the right form of tener.",
            "prompt": "Yo ___ una reserva.",
            "answer": "Yo tengo una reserva."
          },
          {
            "instruction": "Complete with the right form of tener.",
            "prompt": "¿Vosotros ___ la llave?",
            "answer": "¿Vosotros tenéis la llave?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "A room for one night, please.",
            "answer": "Una habitación para una noche, por favor."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Is breakfast included?",
            "answer": "¿El desayuno está incluido?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Where is the key?",
            "answer": "¿Dónde está la llave?"
          }
        ],
        "quiz": [
          {
            "question": "What is 'la llave'?",
            "options": [
              "the key",
              "the room",
              "the night"
            ],
            "answerIndex": 0,
            "explanation": "La llave is the key."
          },
          {
            "question": "Complete: 'Nosotros ___ una habitación.'",
            "options": [
              "tienes",
              "tenemos",
              "tengo"
            ],
            "answerIndex": 1,
            "explanation": "With nosotros the form of tener is tenemos."
          },
          {
            "question": "'El desayuno' is…",
            "options": [
              "dinner",
              "lunch",
              "breakfast"
            ],
            "answerIndex": 2,
            "explanation": "El desayuno is breakfast."
          },
          {
            "question": "How do you say 'I have a booking'?",
            "options": [
              "Tengo una reserva.",
              "Tiene una llave.",
              "Tienes una noche."
            ],
            "answerIndex": 0,
            "explanation": "Tengo is 'I have'; una reserva is a booking."
          }
        ]
      }
    },
    {
      "title": "Ordering food and drink",
      "goals": [
        "Order drinks in a bar",
        "Ask for the bill politely"
      ],
      "grammarPoint": "The verb querer: quiero, quieres, quiere",
      "answer": {
        "summary": "Order in a Spanish bar, ask for the bill and say what you want with querer.",
        "vocabulary": [
          {
            "term": "café",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "coffee",
            "example": "Un café con leche, por favor.",
            "exampleTranslation": "A white coffee, please."
          },
          {
            "term": "cerveza",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "beer",
            "example": "Una cerveza fría, por favor.",
            "exampleTranslation": "A cold beer, please."
          },
          {
            "term": "cuenta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "bill",
            "example": "¿Nos trae la cuenta?",
            "exampleTranslation": "Could you bring us the bill?"
          },
          {
            "term": "por favor",
            "partOfSpeech": "phrase",
            "translation": "please",
            "example": "Dos cafés, por favor.",
            "exampleTranslation": "Two coffees, please."
          },
          {
            "term": "camarero",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "waiter",
            "example": "El camarero es muy simpático.",
            "exampleTranslation": "The waiter is very friendly."
          }
        ],
        "dialogue": {
          "setting": "Ana and Tom sit down at the bar of a café in Seville.",
          "lines": [
            {
              "speaker": "Camarero",
              "line": "Hola, buenas. ¿Qué queréis tomar?",
              "translation": "Hi there. What would you like?"
            },
            {
              "speaker": "Ana",
              "line": "Yo quiero un café con leche, por favor.",
              "translation": "I'd like a white coffee, please."
            },
            {
              "speaker": "Tom",
              "line": "Para mí, una cerveza.",
              "translation": "A beer for me."
            },
            {
              "speaker": "Camarero",
              "line": "Muy bien. ¿Algo más?",
              "translation": "Very good. Anything else?"
            },
            {
              "speaker": "Tom",
              "line": "No, gracias. Y la cuenta, por favor.",
              "translation": "No, thank you. And the bill, please."
            },
            {
              "speaker": "Camarero",
              "line": "Son cinco euros con cincuenta.",
              "translation": "That's five euros fifty."
            }
          ]
        },
        "grammar": {
          "point": "The verb querer: quiero, quieres, quiere",
          "explanation": "Use querer (to want) to order and to say what you would like. Its stem changes from e to ie in every form except nosotros and vosotros: quiero, quieres, quiere, queremos, queréis, quieren. In a bar, 'Quiero un café, por favor' is normal and polite; add 'por favor' and 'gracias' and you sound friendly. In Spain friends are asked with vosotros: '¿Qué queréis tomar?'.",
          "examples": [
            {
              "sentence": "Quiero un café, por favor.",
              "translation": "I'd like a coffee, please."
            },
            {
              "sentence": "¿Qué queréis tomar?",
              "translation": "What would you (all) like?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the right form of querer.",
            "prompt": "Yo ___ una cerveza.",
            "answer": "Yo quiero una cerveza."
          },
          {
            "instruction": "Complete with the right form of querer.",
            "prompt": "¿Vosotros ___ café?",
            "answer": "¿Vosotros queréis café?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "The bill, please.",
            "answer": "La cuenta, por favor."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Excuse me, waiter!",
            "answer": "¡Perdone, camarero!"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "We want two coffees.",
            "answer": "Queremos dos cafés."
          }
        ],
        "quiz": [
          {
            "question": "How do you ask for the bill?",
            "options": [
              "La cuenta, por favor.",
              "El café, por favor.",
              "Adiós, por favor."
            ],
            "answerIndex": 0,
            "explanation": "La cuenta is the bill."
          },
          {
            "question": "Complete: 'Ellos ___ una cerveza.'",
            "options": [
              "quiere",
              "quieren",
              "queremos"
            ],
            "answerIndex": 1,
            "explanation": "With ellos the form of querer is quieren."
          },
          {
            "question": "'El camarero' is…",
            "options": [
              "the cook",
              "the waiter",
              "the bill"
            ],
            "answerIndex": 1,
            "explanation": "El camarero is the waiter."
          },
          {
            "question": "Which form goes with vosotros?",
            "options": [
              "queréis",
              "quieres",
              "quieren"
            ],
            "answerIndex": 0,
            "explanation": "Vosotros queréis: no stem change in this form."
          }
        ]
      }
    },
    {
      "title": "Asking for directions",
      "goals": [
        "Ask the way in the street",
        "Say where places are with estar"
      ],
      "grammarPoint": "Estar for where things are",
      "answer": {
        "summary": "Ask for directions, understand left, right and straight on, and say where things are with estar.",
        "vocabulary": [
          {
            "term": "calle",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "street",
            "example": "El hotel está en la calle Mayor.",
            "exampleTranslation": "The hotel is on Calle Mayor."
          },
          {
            "term": "a la derecha",
            "partOfSpeech": "phrase",
            "translation": "on the right; to the right",
            "example": "La estación está a la derecha.",
            "exampleTranslation": "The station is on the right."
          },
          {
            "term": "a la izquierda",
            "partOfSpeech": "phrase",
            "translation": "on the left; to the left",
            "example": "Gire a la izquierda.",
            "exampleTranslation": "Turn left."
          },
          {
            "term": "todo recto",
            "partOfSpeech": "phrase",
            "translation": "straight on",
            "example": "Siga todo recto.",
            "exampleTranslation": "Go straight on."
          },
          {
            "term": "cerca",
            "partOfSpeech": "adverb",
            "translation": "near, nearby",
            "example": "La plaza está muy cerca.",
            "exampleTranslation": "The square is very near."
          }
        ],
        "dialogue": {
          "setting": "Tom asks a woman in the street in Madrid for directions.",
          "lines": [
            {
              "speaker": "Tom",
              "line": "Perdone, ¿dónde está la calle Mayor?",
              "translation": "Excuse me, where is Calle Mayor?"
            },
            {
              "speaker": "Señora",
              "line": "Está cerca. Siga todo recto.",
              "translation": "It's near. Go straight on."
            },
            {
              "speaker": "Tom",
              "line": "¿Todo recto y después?",
              "translation": "Straight on and then?"
            },
            {
              "speaker": "Señora",
              "line": "Después, la segunda calle a la derecha.",
              "translation": "Then the second street on the right."
            },
            {
              "speaker": "Tom",
              "line": "¿Y el museo? ¿Está a la izquierda?",
              "translation": "And the museum? Is it on the left?"
            },
            {
              "speaker": "Señora",
              "line": "Sí, el museo está a la izquierda, al lado del hotel.",
              "translation": "Yes, the museum is on the left, next to the hotel."
            }
          ]
        },
        "grammar": {
          "point": "Estar for where things are",
          "explanation": "Spanish has two verbs for 'to be'. Use estar, not ser, to say where someone or something is: estoy (I am), estás (you are), está (he, she or it is; you are, polite), estamos, estáis, están. '¿Dónde está el hotel?' asks where the hotel is, and the answer is 'Está cerca' (It's near). Remember: ser says who or what something is, estar says where it is.",
          "examples": [
            {
              "sentence": "El hotel está cerca de la estación.",
              "translation": "The hotel is near the station."
            },
            {
              "sentence": "Estamos en la calle Mayor.",
              "translation": "We are on Calle Mayor."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the right form of estar.",
            "prompt": "El museo ___ a la izquierda.",
            "answer": "El museo está a la izquierda."
          },
          {
            "instruction": "Complete with the right form of estar.",
            "prompt": "Nosotros ___ en la calle Mayor.",
            "answer": "Nosotros estamos en la calle Mayor."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Go straight on and then right.",
            "answer": "Siga todo recto y después a la derecha."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Is the hotel near?",
            "answer": "¿Está cerca el hotel?"
          },
          {
            "instruction": "Complete with ser or estar.",
            "prompt": "Madrid ___ en España.",
            "answer": "Madrid está en España."
          }
        ],
        "quiz": [
          {
            "question": "'A la izquierda' means…",
            "options": [
              "on the right",
              "on the left",
              "straight on"
            ],
            "answerIndex": 1,
            "explanation": "Izquierda is left; derecha is right."
          },
          {
            "question": "Which verb says where something is?",
            "options": [
              "ser",
              "estar",
              "tener"
            ],
            "answerIndex": 1,
            "explanation": "Estar is used for location."
          },
          {
            "question": "Complete: 'Yo ___ en el hotel.'",
            "options": [
              "estoy",
              "soy",
              "está"
            ],
            "answerIndex": 0,
            "explanation": "Location takes estar, and with yo the form is estoy."
          },
          {
            "question": "'Todo recto' means…",
            "options": [
              "turn round",
              "straight on",
              "far away"
            ],
            "answerIndex": 1,
            "explanation": "Todo recto is straight on."
          }
        ]
      }
    },
    {
      "title": "Shopping",
      "goals": [
        "Ask for something in a shop and ask its price",
        "Make adjectives agree with nouns"
      ],
      "grammarPoint": "Adjectives agree with the noun",
      "answer": {
        "summary": "Buy clothes in a shop, ask how much things cost and make adjectives agree with their nouns.",
        "vocabulary": [
          {
            "term": "tienda",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "shop",
            "example": "La tienda abre a las diez.",
            "exampleTranslation": "The shop opens at ten."
          },
          {
            "term": "precio",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "price",
            "example": "¿Cuál es el precio?",
            "exampleTranslation": "What is the price?"
          },
          {
            "term": "camiseta",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "T-shirt",
            "example": "Esta camiseta es muy bonita.",
            "exampleTranslation": "This T-shirt is very nice."
          },
          {
            "term": "barato",
            "partOfSpeech": "adjective",
            "translation": "cheap",
            "example": "El mercado es barato.",
            "exampleTranslation": "The market is cheap."
          },
          {
            "term": "caro",
            "partOfSpeech": "adjective",
            "translation": "expensive",
            "example": "El hotel es caro.",
            "exampleTranslation": "The hotel is expensive."
          }
        ],
        "dialogue": {
          "setting": "Tom is buying a T-shirt in a small shop in Madrid.",
          "lines": [
            {
              "speaker": "Dependienta",
              "line": "Hola, buenos días. ¿Puedo ayudarle?",
              "translation": "Hello, good morning. Can I help you?"
            },
            {
              "speaker": "Tom",
              "line": "Sí, busco una camiseta.",
              "translation": "Yes, I'm looking for a T-shirt."
            },
            {
              "speaker": "Dependienta",
              "line": "Esta camiseta azul es muy bonita.",
              "translation": "This blue T-shirt is very nice."
            },
            {
              "speaker": "Tom",
              "line": "¿Cuánto cuesta?",
              "translation": "How much is it?"
            },
            {
              "speaker": "Dependienta",
              "line": "Veinte euros. No es caro.",
              "translation": "Twenty euros. It isn't expensive."
            },
            {
              "speaker": "Tom",
              "line": "Es un buen precio. Me la llevo.",
              "translation": "That's a good price. I'll take it."
            }
          ]
        },
        "grammar": {
          "point": "Adjectives agree with the noun",
          "explanation": "Spanish adjectives change to match their noun: masculine or feminine, singular or plural. An adjective ending in -o has four forms: barato, barata, baratos, baratas. Adjectives usually come after the noun: 'una camiseta barata', 'unos zapatos caros'. To ask a price, say '¿Cuánto cuesta?' for one thing and '¿Cuánto cuestan?' for more than one.",
          "examples": [
            {
              "sentence": "La camiseta es barata.",
              "translation": "The T-shirt is cheap."
            },
            {
              "sentence": "Los zapatos son caros.",
              "translation": "The shoes are expensive."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Make the adjective agree with the noun.",
            "prompt": "una camiseta (barato)",
            "answer": "una camiseta barata"
          },
          {
            "instruction": "Make the adjective agree with the noun.",
            "prompt": "unos zapatos (caro)",
            "answer": "unos zapatos caros"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "How much is the T-shirt?",
            "answer": "¿Cuánto cuesta la camiseta?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "The shop is near.",
            "answer": "La tienda está cerca."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "The price is good.",
            "answer": "El precio es bueno."
          }
        ],
        "quiz": [
          {
            "question": "'Caro' means…",
            "options": [
              "cheap",
              "expensive",
              "pretty"
            ],
            "answerIndex": 1,
            "explanation": "Caro is expensive; barato is cheap."
          },
          {
            "question": "Choose the right form: 'una tienda ___'",
            "options": [
              "barato",
              "barata",
              "baratos"
            ],
            "answerIndex": 1,
            "explanation": "Tienda is feminine singular, so barata."
          },
          {
            "question": "How do you ask the price of one thing?",
            "options": [
              "¿Cuánto cuesta?",
              "¿Cuánto cuestan?",
              "¿Dónde está?"
            ],
            "answerIndex": 0,
            "explanation": "Cuesta for one thing, cuestan for more than one."
          },
          {
            "question": "'El precio' is…",
            "options": [
              "the price",
              "the shop",
              "the size"
            ],
            "answerIndex": 0,
            "explanation": "El precio is the price."
          }
        ]
      }
    },
    {
      "title": "Taking the train",
      "goals": [
        "Buy a train ticket",
        "Ask and tell the time of departures"
      ],
      "grammarPoint": "Telling the time: a la una, a las dos",
      "answer": {
        "summary": "Buy a train ticket at the station and ask when trains leave and arrive.",
        "vocabulary": [
          {
            "term": "billete",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "ticket",
            "example": "Necesito un billete para Toledo.",
            "exampleTranslation": "I need a ticket to Toledo."
          },
          {
            "term": "estación",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "station",
            "example": "La estación de Atocha es muy grande.",
            "exampleTranslation": "Atocha station is very big."
          },
          {
            "term": "tren",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "train",
            "example": "El tren es rápido.",
            "exampleTranslation": "The train is fast."
          },
          {
            "term": "andén",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "platform",
            "example": "El tren sale del andén cuatro.",
            "exampleTranslation": "The train leaves from platform four."
          },
          {
            "term": "de ida y vuelta",
            "partOfSpeech": "phrase",
            "translation": "return (ticket)",
            "example": "Un billete de ida y vuelta, por favor.",
            "exampleTranslation": "A return ticket, please."
          }
        ],
        "dialogue": {
          "setting": "Tom buys a ticket at the ticket office of a Madrid station.",
          "lines": [
            {
              "speaker": "Tom",
              "line": "Buenos días. Un billete para Toledo, por favor.",
              "translation": "Good morning. A ticket to Toledo, please."
            },
            {
              "speaker": "Empleado",
              "line": "¿Solo de ida o de ida y vuelta?",
              "translation": "Single or return?"
            },
            {
              "speaker": "Tom",
              "line": "De ida y vuelta. ¿A qué hora sale el tren?",
              "translation": "Return. What time does the train leave?"
            },
            {
              "speaker": "Empleado",
              "line": "Sale a las diez y cuarto, del andén tres.",
              "translation": "It leaves at a quarter past ten, from platform three."
            },
            {
              "speaker": "Tom",
              "line": "¿Y a qué hora llega a Toledo?",
              "translation": "And what time does it arrive in Toledo?"
            },
            {
              "speaker": "Empleado",
              "line": "Llega a las once. Son veinte euros.",
              "translation": "It arrives at eleven. That's twenty euros."
            }
          ]
        },
        "grammar": {
          "point": "Telling the time: a la una, a las dos",
          "explanation": "To ask when something happens, say '¿A qué hora…?'. Answer with 'a la' for one o'clock and 'a las' for every other hour: a la una, a las dos, a las diez. Add 'y cuarto' (quarter past), 'y media' (half past) or 'menos cuarto' (quarter to): a las diez y media is 10:30. Timetables in Spain use the 24-hour clock, so 18:15 is read 'las dieciocho quince'.",
          "examples": [
            {
              "sentence": "El tren sale a las nueve y media.",
              "translation": "The train leaves at half past nine."
            },
            {
              "sentence": "¿A qué hora llega el tren?",
              "translation": "What time does the train arrive?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Write the time in words.",
            "prompt": "El tren sale a las (10:30).",
            "answer": "El tren sale a las diez y media."
          },
          {
            "instruction": "Write the time in words.",
            "prompt": "El tren llega a (1:00).",
            "answer": "El tren llega a la una."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "A return ticket to Seville, please.",
            "answer": "Un billete de ida y vuelta para Sevilla, por favor."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Which platform does the train leave from?",
            "answer": "¿De qué andén sale el tren?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Where is the station?",
            "answer": "¿Dónde está la estación?"
          }
        ],
        "quiz": [
          {
            "question": "'Un billete de ida y vuelta' is…",
            "options": [
              "a single ticket",
              "a return ticket",
              "a train timetable"
            ],
            "answerIndex": 1,
            "explanation": "De ida y vuelta means there and back."
          },
          {
            "question": "Complete: 'El tren sale ___ una.'",
            "options": [
              "a las",
              "a la",
              "a el"
            ],
            "answerIndex": 1,
            "explanation": "One o'clock takes the singular: a la una."
          },
          {
            "question": "'El andén' is…",
            "options": [
              "the platform",
              "the ticket",
              "the station"
            ],
            "answerIndex": 0,
            "explanation": "El andén is the platform."
          },
          {
            "question": "'A las diez y cuarto' is…",
            "options": [
              "10:15",
              "10:45",
              "9:45"
            ],
            "answerIndex": 0,
            "explanation": "Y cuarto means a quarter past."
          }
        ]
      }
    },
    {
      "title": "At the pharmacy",
      "goals": [
        "Say what hurts",
        "Buy medicine at a pharmacy"
      ],
      "grammarPoint": "Saying what hurts: me duele, me duelen",
      "answer": {
        "summary": "Explain a simple health problem at a pharmacy and say what hurts with me duele.",
        "vocabulary": [
          {
            "term": "farmacia",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "pharmacy, chemist's",
            "example": "La farmacia está en la plaza.",
            "exampleTranslation": "The pharmacy is in the square."
          },
          {
            "term": "cabeza",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "head",
            "example": "Tengo dolor de cabeza.",
            "exampleTranslation": "I have a headache."
          },
          {
            "term": "pastilla",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "tablet, pill",
            "example": "Tome una pastilla cada ocho horas.",
            "exampleTranslation": "Take one tablet every eight hours."
          },
          {
            "term": "me duele",
            "partOfSpeech": "phrase",
            "translation": "it hurts me, my … hurts",
            "example": "Me duele el estómago.",
            "exampleTranslation": "My stomach hurts."
          },
          {
            "term": "fiebre",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "fever, temperature",
            "example": "El niño tiene fiebre.",
            "exampleTranslation": "The child has a temperature."
          }
        ],
        "dialogue": {
          "setting": "Ana feels unwell and goes into a pharmacy.",
          "lines": [
            {
              "speaker": "Farmacéutico",
              "line": "Buenas tardes. ¿Qué le pasa?",
              "translation": "Good afternoon. What's the matter?"
            },
            {
              "speaker": "Ana",
              "line": "Me duele la cabeza y tengo un poco de fiebre.",
              "translation": "I have a headache and a bit of a temperature."
            },
            {
              "speaker": "Farmacéutico",
              "line": "Tome estas pastillas, una cada ocho horas.",
              "translation": "Take these tablets, one every eight hours."
            },
            {
              "speaker": "Ana",
              "line": "¿Con el desayuno?",
              "translation": "With breakfast?"
            },
            {
              "speaker": "Farmacéutico",
              "line": "Sí, con el desayuno y con la cena.",
              "translation": "Yes, with breakfast and with dinner."
            },
            {
              "speaker": "Ana",
              "line": "Gracias. ¿Cuánto es?",
              "translation": "Thank you. How much is it?"
            }
          ]
        },
        "grammar": {
          "point": "Saying what hurts: me duele, me duelen",
          "explanation": "To say what hurts, Spanish says 'it hurts me': me duele with one thing and me duelen with more than one. Use the article, not 'my', with parts of the body: 'Me duele la cabeza' (My head hurts), 'Me duelen los pies' (My feet hurt). For other people, change the little word in front: te duele (you), le duele (he, she, or you polite).",
          "examples": [
            {
              "sentence": "Me duele la cabeza.",
              "translation": "My head hurts."
            },
            {
              "sentence": "Me duelen los pies.",
              "translation": "My feet hurt."
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with duele or duelen.",
            "prompt": "Me ___ la cabeza.",
            "answer": "Me duele la cabeza."
          },
          {
            "instruction": "Complete with duele or duelen.",
            "prompt": "Me ___ los ojos.",
            "answer": "Me duelen los ojos."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Where is the pharmacy?",
            "answer": "¿Dónde está la farmacia?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "One tablet with breakfast.",
            "answer": "Una pastilla con el desayuno."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "I have a fever.",
            "answer": "Tengo fiebre."
          }
        ],
        "quiz": [
          {
            "question": "'La fiebre' is…",
            "options": [
              "a cough",
              "a fever",
              "a cold"
            ],
            "answerIndex": 1,
            "explanation": "La fiebre is a fever or temperature."
          },
          {
            "question": "Complete: 'Me ___ los pies.'",
            "options": [
              "duele",
              "duelen",
              "dolor"
            ],
            "answerIndex": 1,
            "explanation": "Los pies is plural, so duelen."
          },
          {
            "question": "Where do you buy tablets?",
            "options": [
              "en la farmacia",
              "en la estación",
              "en la calle"
            ],
            "answerIndex": 0,
            "explanation": "Medicine is sold en la farmacia."
          },
          {
            "question": "'Me duele la cabeza' means…",
            "options": [
              "I have a headache",
              "I am tired",
              "I have a cold"
            ],
            "answerIndex": 0,
            "explanation": "Literally 'the head hurts me'."
          }
        ]
      }
    },
    {
      "title": "Visiting a museum",
      "goals": [
        "Ask about opening hours and buy tickets",
        "Say what you like with gustar"
      ],
      "grammarPoint": "Saying what you like: me gusta, me gustan",
      "answer": {
        "summary": "Ask whether a museum is open, buy tickets and say what you like with me gusta.",
        "vocabulary": [
          {
            "term": "museo",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "museum",
            "example": "El museo del Prado es famoso.",
            "exampleTranslation": "The Prado Museum is famous."
          },
          {
            "term": "entrada",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "entrance ticket",
            "example": "La entrada cuesta doce euros.",
            "exampleTranslation": "The ticket costs twelve euros."
          },
          {
            "term": "abierto",
            "partOfSpeech": "adjective",
            "translation": "open",
            "example": "El museo está abierto hasta las ocho.",
            "exampleTranslation": "The museum is open until eight."
          },
          {
            "term": "cerrado",
            "partOfSpeech": "adjective",
            "translation": "closed",
            "example": "El bar está cerrado los domingos.",
            "exampleTranslation": "The bar is closed on Sundays."
          },
          {
            "term": "horario",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "opening hours; timetable",
            "example": "¿Cuál es el horario del museo?",
            "exampleTranslation": "What are the museum's opening hours?"
          }
        ],
        "dialogue": {
          "setting": "Tom and Ana want to visit the Prado Museum.",
          "lines": [
            {
              "speaker": "Tom",
              "line": "Perdone, ¿el museo está abierto hoy?",
              "translation": "Excuse me, is the museum open today?"
            },
            {
              "speaker": "Empleada",
              "line": "Sí, está abierto de diez a ocho. Los lunes está cerrado.",
              "translation": "Yes, it's open from ten to eight. On Mondays it's closed."
            },
            {
              "speaker": "Tom",
              "line": "Dos entradas, por favor. ¿Cuánto cuestan?",
              "translation": "Two tickets, please. How much are they?"
            },
            {
              "speaker": "Empleada",
              "line": "Doce euros cada entrada. Aquí tiene el horario de las visitas.",
              "translation": "Twelve euros each ticket. Here are the tour times."
            },
            {
              "speaker": "Ana",
              "line": "¡Me gusta mucho este museo!",
              "translation": "I really like this museum!"
            },
            {
              "speaker": "Tom",
              "line": "A mí también. Me gustan los cuadros de Goya.",
              "translation": "Me too. I like Goya's paintings."
            }
          ]
        },
        "grammar": {
          "point": "Saying what you like: me gusta, me gustan",
          "explanation": "To say you like something, Spanish says 'it pleases me': me gusta with one thing or with a verb, me gustan with more than one. 'Me gusta el museo' (I like the museum), 'Me gustan los cuadros' (I like the paintings), 'Me gusta viajar' (I like travelling). For other people, change the little word in front: te gusta (you), le gusta (he, she, you polite), nos gusta (we), os gusta (you all).",
          "examples": [
            {
              "sentence": "Me gusta el museo del Prado.",
              "translation": "I like the Prado Museum."
            },
            {
              "sentence": "¿Os gustan las tapas?",
              "translation": "Do you (all) like tapas?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with gusta or gustan.",
            "prompt": "Me ___ los museos.",
            "answer": "Me gustan los museos."
          },
          {
            "instruction": "Complete with gusta or gustan.",
            "prompt": "¿Te ___ Madrid?",
            "answer": "¿Te gusta Madrid?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Is the museum open on Mondays?",
            "answer": "¿El museo está abierto los lunes?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Two tickets, please.",
            "answer": "Dos entradas, por favor."
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "The shop is closed.",
            "answer": "La tienda está cerrada."
          }
        ],
        "quiz": [
          {
            "question": "'Cerrado' means…",
            "options": [
              "open",
              "closed",
              "free"
            ],
            "answerIndex": 1,
            "explanation": "Cerrado is closed; abierto is open."
          },
          {
            "question": "Complete: 'Nos ___ los cuadros.'",
            "options": [
              "gusta",
              "gustan",
              "gustamos"
            ],
            "answerIndex": 1,
            "explanation": "Los cuadros is plural, so gustan."
          },
          {
            "question": "'El horario' of a museum is…",
            "options": [
              "its opening hours",
              "its ticket",
              "its guide"
            ],
            "answerIndex": 0,
            "explanation": "El horario is the timetable or opening hours."
          },
          {
            "question": "You want a ticket for the museum. You ask for…",
            "options": [
              "una entrada",
              "una llave",
              "una cuenta"
            ],
            "answerIndex": 0,
            "explanation": "Una entrada is an entrance ticket."
          }
        ]
      }
    },
    {
      "title": "Making plans",
      "goals": [
        "Talk about plans with ir a",
        "Say goodbye and wish someone a good trip"
      ],
      "grammarPoint": "Plans with ir a + infinitive",
      "answer": {
        "summary": "Talk about your plans for the weekend with ir a and say goodbye to a friend.",
        "vocabulary": [
          {
            "term": "mañana",
            "partOfSpeech": "adverb",
            "translation": "tomorrow",
            "example": "Mañana visito Toledo.",
            "exampleTranslation": "Tomorrow I'm visiting Toledo."
          },
          {
            "term": "fin de semana",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "weekend",
            "example": "El fin de semana voy a descansar.",
            "exampleTranslation": "At the weekend I'm going to rest."
          },
          {
            "term": "playa",
            "partOfSpeech": "noun",
            "gender": "feminine",
            "article": "la",
            "translation": "beach",
            "example": "La playa está a diez minutos.",
            "exampleTranslation": "The beach is ten minutes away."
          },
          {
            "term": "viaje",
            "partOfSpeech": "noun",
            "gender": "masculine",
            "article": "el",
            "translation": "trip, journey",
            "example": "El viaje a Barcelona es largo.",
            "exampleTranslation": "The journey to Barcelona is long."
          },
          {
            "term": "hasta luego",
            "partOfSpeech": "phrase",
            "translation": "see you later",
            "example": "¡Hasta luego, Tom!",
            "exampleTranslation": "See you later, Tom!"
          }
        ],
        "dialogue": {
          "setting": "Ana asks Tom and his friend about their plans.",
          "lines": [
            {
              "speaker": "Ana",
              "line": "¿Qué vais a hacer el fin de semana?",
              "translation": "What are you going to do at the weekend?"
            },
            {
              "speaker": "Tom",
              "line": "Mañana vamos a ir a la playa.",
              "translation": "Tomorrow we're going to go to the beach."
            },
            {
              "speaker": "Ana",
              "line": "¡Qué bien! ¿Y después?",
              "translation": "How nice! And after that?"
            },
            {
              "speaker": "Tom",
              "line": "El domingo vamos a coger el tren a Barcelona.",
              "translation": "On Sunday we're going to take the train to Barcelona."
            },
            {
              "speaker": "Ana",
              "line": "¡Buen viaje!",
              "translation": "Have a good trip!"
            },
            {
              "speaker": "Tom",
              "line": "Gracias, Ana. ¡Hasta luego!",
              "translation": "Thanks, Ana. See you later!"
            }
          ]
        },
        "grammar": {
          "point": "Plans with ir a + infinitive",
          "explanation": "To talk about plans, use ir a with a verb in the infinitive, like English 'going to'. Only ir changes: voy a, vas a, va a, vamos a, vais a, van a. 'Voy a visitar Toledo' means 'I am going to visit Toledo'. Add a time word to say when: mañana (tomorrow), el fin de semana (at the weekend), el lunes (on Monday).",
          "examples": [
            {
              "sentence": "Mañana voy a visitar el museo.",
              "translation": "Tomorrow I'm going to visit the museum."
            },
            {
              "sentence": "¿Vais a ir a la playa?",
              "translation": "Are you (all) going to go to the beach?"
            }
          ]
        },
        "exercises": [
          {
            "instruction": "Complete with the right form of ir a.",
            "prompt": "Nosotros ___ comer en la playa.",
            "answer": "Nosotros vamos a comer en la playa."
          },
          {
            "instruction": "Complete with the right form of ir a.",
            "prompt": "¿Tú ___ viajar mañana?",
            "answer": "¿Tú vas a viajar mañana?"
          },
          {
            "instruction": "Translate into Spanish (speak to a friend).",
            "prompt": "What are you going to do at the weekend?",
            "answer": "¿Qué vas a hacer el fin de semana?"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "Have a good trip!",
            "answer": "¡Buen viaje!"
          },
          {
            "instruction": "Translate into Spanish.",
            "prompt": "See you later, Ana!",
            "answer": "¡Hasta luego, Ana!"
          }
        ],
        "quiz": [
          {
            "question": "In 'Mañana vamos a la playa', 'mañana' means…",
            "options": [
              "today",
              "tomorrow",
              "yesterday"
            ],
            "answerIndex": 1,
            "explanation": "Mañana is tomorrow (la mañana is the morning)."
          },
          {
            "question": "Complete: 'Ellos ___ a visitar Sevilla.'",
            "options": [
              "va",
              "van",
              "vamos"
            ],
            "answerIndex": 1,
            "explanation": "With ellos the form of ir is van."
          },
          {
            "question": "'El fin de semana' is…",
            "options": [
              "the weekend",
              "the week",
              "the end of the trip"
            ],
            "answerIndex": 0,
            "explanation": "El fin de semana is the weekend."
          },
          {
            "question": "What do you say to someone who is leaving on a trip?",
            "options": [
              "¡Buen viaje!",
              "¡Buenos días!",
              "¡Me duele!"
            ],
            "answerIndex": 0,
            "explanation": "¡Buen viaje! means have a good trip."
          }
        ]
      }
    }
  ]
} satisfies DemoCourseData;
