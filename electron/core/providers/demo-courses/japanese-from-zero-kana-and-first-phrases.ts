import type { DemoCourseData } from '../demo-library.js';

// The demo's course for examples/japanese-kana.course.yml, written by hand (see demo-library.ts): data only,
// a module rather than a .json file so it is compiled and packed with the app's JavaScript.
export default {
  "spec": {
    "title": "Japanese from Zero — Kana and First Phrases",
    "language": "Japanese",
    "nativeLanguage": "French",
    "level": "A1"
  },
  "summary": "Quatre courtes leçons pour débuter en japonais : saluer, se présenter, faire des achats et commander au restaurant. Tout est écrit en kana, avec la lecture en rōmaji, et chaque leçon reprend des mots des leçons précédentes.",
  "lessons": [
    {
      "title": "Les salutations",
      "goals": [
        "Saluer quelqu'un le matin, la journée et le soir",
        "Remercier et dire au revoir"
      ],
      "grammarPoint": "Choisir la salutation selon le moment de la journée",
      "answer": {
        "summary": "Les salutations de la journée, merci et au revoir, écrits en hiragana.",
        "vocabulary": [
          {
            "term": "おはようございます",
            "partOfSpeech": "phrase",
            "reading": {
              "kana": "おはようございます",
              "text": "ohayō gozaimasu"
            },
            "translation": "bonjour (le matin)",
            "example": "せんせい、おはようございます。",
            "exampleReading": {
              "kana": "せんせい、おはようございます。",
              "text": "sensei, ohayō gozaimasu."
            },
            "exampleTranslation": "Bonjour, professeur."
          },
          {
            "term": "こんにちは",
            "partOfSpeech": "interjection",
            "reading": {
              "kana": "こんにちは",
              "text": "konnichiwa"
            },
            "translation": "bonjour (dans la journée)",
            "example": "こんにちは、たなかさん。",
            "exampleReading": {
              "kana": "こんにちは、たなかさん。",
              "text": "konnichiwa, Tanaka-san."
            },
            "exampleTranslation": "Bonjour, monsieur Tanaka."
          },
          {
            "term": "こんばんは",
            "partOfSpeech": "interjection",
            "reading": {
              "kana": "こんばんは",
              "text": "konbanwa"
            },
            "translation": "bonsoir",
            "example": "こんばんは。さむいですね。",
            "exampleReading": {
              "kana": "こんばんは。さむいですね。",
              "text": "konbanwa. samui desu ne."
            },
            "exampleTranslation": "Bonsoir. Il fait froid, n'est-ce pas ?"
          },
          {
            "term": "ありがとう",
            "partOfSpeech": "interjection",
            "reading": {
              "kana": "ありがとう",
              "text": "arigatō"
            },
            "translation": "merci",
            "example": "どうもありがとう。",
            "exampleReading": {
              "kana": "どうもありがとう。",
              "text": "dōmo arigatō."
            },
            "exampleTranslation": "Merci beaucoup."
          },
          {
            "term": "さようなら",
            "partOfSpeech": "interjection",
            "reading": {
              "kana": "さようなら",
              "text": "sayōnara"
            },
            "translation": "au revoir",
            "example": "さようなら、またあした。",
            "exampleReading": {
              "kana": "さようなら、またあした。",
              "text": "sayōnara, mata ashita."
            },
            "exampleTranslation": "Au revoir, à demain."
          }
        ],
        "exercises": [
          {
            "instruction": "Écrivez en hiragana.",
            "prompt": "konnichiwa",
            "answer": "こんにちは"
          },
          {
            "instruction": "Écrivez en hiragana.",
            "prompt": "arigatō",
            "answer": "ありがとう"
          },
          {
            "instruction": "Que dit-on à son professeur le matin ? Écrivez-le en hiragana.",
            "prompt": "ohayō gozaimasu",
            "answer": "おはようございます"
          },
          {
            "instruction": "Écrivez en hiragana.",
            "prompt": "sayōnara",
            "answer": "さようなら"
          }
        ],
        "quiz": [
          {
            "question": "Que dit-on à quelqu'un le soir ?",
            "options": [
              "こんばんは (konbanwa)",
              "おはようございます (ohayō gozaimasu)",
              "さようなら (sayōnara)"
            ],
            "answerIndex": 0,
            "explanation": "こんばんは est le bonsoir ; おはようございます ne se dit que le matin."
          },
          {
            "question": "Dans こんにちは, comment se lit le dernier caractère は ?",
            "options": [
              "ha",
              "wa",
              "ba"
            ],
            "answerIndex": 1,
            "explanation": "Ici は est une particule : elle se lit « wa », comme dans こんばんは."
          },
          {
            "question": "Que veut dire ありがとう (arigatō) ?",
            "options": [
              "bonjour",
              "merci",
              "au revoir"
            ],
            "answerIndex": 1,
            "explanation": "ありがとう veut dire merci ; どうもありがとう, merci beaucoup."
          }
        ]
      }
    },
    {
      "title": "Se présenter",
      "goals": [
        "Dire son nom et sa nationalité",
        "Utiliser les formules de la première rencontre"
      ],
      "grammarPoint": "La phrase « X は Y です » (X est Y)",
      "answer": {
        "summary": "Se présenter avec la phrase « X は Y です » et les formules de politesse de la première rencontre.",
        "vocabulary": [
          {
            "term": "わたし",
            "partOfSpeech": "pronoun",
            "reading": {
              "kana": "わたし",
              "text": "watashi"
            },
            "translation": "je, moi",
            "example": "わたしはがくせいです。",
            "exampleReading": {
              "kana": "わたしはがくせいです。",
              "text": "watashi wa gakusei desu."
            },
            "exampleTranslation": "Je suis étudiant."
          },
          {
            "term": "なまえ",
            "partOfSpeech": "noun",
            "reading": {
              "kana": "なまえ",
              "text": "namae"
            },
            "translation": "nom",
            "example": "おなまえは？",
            "exampleReading": {
              "kana": "おなまえは？",
              "text": "o-namae wa?"
            },
            "exampleTranslation": "Quel est votre nom ?"
          },
          {
            "term": "はじめまして",
            "partOfSpeech": "phrase",
            "reading": {
              "kana": "はじめまして",
              "text": "hajimemashite"
            },
            "translation": "enchanté(e) (à la première rencontre)",
            "example": "はじめまして、たなかです。",
            "exampleReading": {
              "kana": "はじめまして、たなかです。",
              "text": "hajimemashite, Tanaka desu."
            },
            "exampleTranslation": "Enchanté, je suis Tanaka."
          },
          {
            "term": "よろしくおねがいします",
            "partOfSpeech": "phrase",
            "reading": {
              "kana": "よろしくおねがいします",
              "text": "yoroshiku onegaishimasu"
            },
            "translation": "ravi(e) de faire votre connaissance (après s'être présenté)",
            "example": "マリーです。よろしくおねがいします。",
            "exampleReading": {
              "kana": "マリーです。よろしくおねがいします。",
              "text": "Marī desu. yoroshiku onegaishimasu."
            },
            "exampleTranslation": "Je suis Marie. Ravie de faire votre connaissance."
          },
          {
            "term": "フランス",
            "partOfSpeech": "noun",
            "reading": {
              "kana": "フランス",
              "text": "Furansu"
            },
            "translation": "la France",
            "example": "フランスからきました。",
            "exampleReading": {
              "kana": "フランスからきました。",
              "text": "Furansu kara kimashita."
            },
            "exampleTranslation": "Je viens de France."
          }
        ],
        "exercises": [
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Bonjour, enchantée.",
            "answer": "こんにちは。はじめまして。"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Je suis Marie.",
            "answer": "わたしはマリーです。"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Je suis français.",
            "answer": "フランスじんです。"
          },
          {
            "instruction": "Complétez avec la particule qui convient.",
            "prompt": "わたしのなまえ＿マリーです。",
            "answer": "わたしのなまえはマリーです。"
          }
        ],
        "quiz": [
          {
            "question": "Que dit-on après s'être présenté ?",
            "options": [
              "よろしくおねがいします",
              "さようなら",
              "こんばんは"
            ],
            "answerIndex": 0,
            "explanation": "よろしくおねがいします termine une présentation : « je compte sur votre bienveillance »."
          },
          {
            "question": "Comment se lit la particule は dans わたしは ?",
            "options": [
              "ha",
              "wa",
              "ba"
            ],
            "answerIndex": 1,
            "explanation": "La particule du thème は se lit toujours « wa »."
          },
          {
            "question": "フランス est écrit en…",
            "options": [
              "hiragana",
              "katakana",
              "kanji"
            ],
            "answerIndex": 1,
            "explanation": "Les noms de pays étrangers s'écrivent en katakana."
          }
        ]
      }
    },
    {
      "title": "Faire des achats",
      "goals": [
        "Demander un prix",
        "Compter un ou deux objets et les demander"
      ],
      "grammarPoint": "Demander un objet : « 〜をください »",
      "answer": {
        "summary": "Demander combien coûte un objet et en demander un ou deux avec « 〜をください ».",
        "vocabulary": [
          {
            "term": "ください",
            "partOfSpeech": "verb",
            "reading": {
              "kana": "ください",
              "text": "kudasai"
            },
            "translation": "donnez-moi, s'il vous plaît",
            "example": "これをください。",
            "exampleReading": {
              "kana": "これをください。",
              "text": "kore o kudasai."
            },
            "exampleTranslation": "Je prends ceci, s'il vous plaît."
          },
          {
            "term": "いくら",
            "partOfSpeech": "adverb",
            "reading": {
              "kana": "いくら",
              "text": "ikura"
            },
            "translation": "combien (pour un prix)",
            "example": "これはいくらですか。",
            "exampleReading": {
              "kana": "これはいくらですか。",
              "text": "kore wa ikura desu ka."
            },
            "exampleTranslation": "Combien coûte ceci ?"
          },
          {
            "term": "えん",
            "partOfSpeech": "noun",
            "reading": {
              "kana": "えん",
              "text": "en"
            },
            "translation": "yen (la monnaie japonaise)",
            "example": "ひゃくえんです。",
            "exampleReading": {
              "kana": "ひゃくえんです。",
              "text": "hyaku en desu."
            },
            "exampleTranslation": "C'est cent yens."
          },
          {
            "term": "ひとつ",
            "partOfSpeech": "number",
            "reading": {
              "kana": "ひとつ",
              "text": "hitotsu"
            },
            "translation": "un (objet)",
            "example": "りんごをひとつください。",
            "exampleReading": {
              "kana": "りんごをひとつください。",
              "text": "ringo o hitotsu kudasai."
            },
            "exampleTranslation": "Une pomme, s'il vous plaît."
          },
          {
            "term": "ふたつ",
            "partOfSpeech": "number",
            "reading": {
              "kana": "ふたつ",
              "text": "futatsu"
            },
            "translation": "deux (objets)",
            "example": "コーヒーをふたつください。",
            "exampleReading": {
              "kana": "コーヒーをふたつください。",
              "text": "kōhī o futatsu kudasai."
            },
            "exampleTranslation": "Deux cafés, s'il vous plaît."
          }
        ],
        "exercises": [
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Combien est-ce ?",
            "answer": "いくらですか。"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Un thé, s'il vous plaît. (thé : おちゃ)",
            "answer": "おちゃをひとつください。"
          },
          {
            "instruction": "Écrivez en hiragana.",
            "prompt": "futatsu",
            "answer": "ふたつ"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Merci. Au revoir.",
            "answer": "ありがとう。さようなら。"
          }
        ],
        "quiz": [
          {
            "question": "Que veut dire いくら (ikura) ?",
            "options": [
              "combien",
              "où",
              "qui"
            ],
            "answerIndex": 0,
            "explanation": "いくらですか demande un prix : combien est-ce ?"
          },
          {
            "question": "Vous voulez deux cafés : コーヒーを＿＿ください。",
            "options": [
              "ひとつ",
              "ふたつ",
              "いくら"
            ],
            "answerIndex": 1,
            "explanation": "ふたつ veut dire deux (objets) ; ひとつ, un."
          },
          {
            "question": "ひゃくえん (hyaku en), c'est…",
            "options": [
              "10 yens",
              "100 yens",
              "1000 yens"
            ],
            "answerIndex": 1,
            "explanation": "ひゃく veut dire cent, et えん est le yen."
          }
        ]
      }
    },
    {
      "title": "Au restaurant",
      "goals": [
        "Appeler le serveur et commander",
        "Dire que c'est bon et les formules du repas"
      ],
      "grammarPoint": "Demander poliment : « 〜をください » et « 〜をおねがいします »",
      "answer": {
        "summary": "Appeler le serveur, demander la carte et de l'eau, et les formules du repas japonais.",
        "vocabulary": [
          {
            "term": "すみません",
            "partOfSpeech": "phrase",
            "reading": {
              "kana": "すみません",
              "text": "sumimasen"
            },
            "translation": "excusez-moi, pardon",
            "example": "すみません、トイレはどこですか。",
            "exampleReading": {
              "kana": "すみません、トイレはどこですか。",
              "text": "sumimasen, toire wa doko desu ka."
            },
            "exampleTranslation": "Excusez-moi, où sont les toilettes ?"
          },
          {
            "term": "メニュー",
            "partOfSpeech": "noun",
            "reading": {
              "kana": "メニュー",
              "text": "menyū"
            },
            "translation": "la carte, le menu",
            "example": "メニューをおねがいします。",
            "exampleReading": {
              "kana": "メニューをおねがいします。",
              "text": "menyū o onegaishimasu."
            },
            "exampleTranslation": "La carte, s'il vous plaît."
          },
          {
            "term": "みず",
            "partOfSpeech": "noun",
            "reading": {
              "kana": "みず",
              "text": "mizu"
            },
            "translation": "eau",
            "example": "つめたいみずです。",
            "exampleReading": {
              "kana": "つめたいみずです。",
              "text": "tsumetai mizu desu."
            },
            "exampleTranslation": "C'est de l'eau fraîche."
          },
          {
            "term": "おいしい",
            "partOfSpeech": "adjective",
            "reading": {
              "kana": "おいしい",
              "text": "oishii"
            },
            "translation": "bon, délicieux",
            "example": "このラーメンはおいしい。",
            "exampleReading": {
              "kana": "このラーメンはおいしい。",
              "text": "kono rāmen wa oishii."
            },
            "exampleTranslation": "Ces ramen sont délicieux."
          },
          {
            "term": "いただきます",
            "partOfSpeech": "phrase",
            "reading": {
              "kana": "いただきます",
              "text": "itadakimasu"
            },
            "translation": "formule dite avant de manger (≈ bon appétit)",
            "example": "では、いただきます。",
            "exampleReading": {
              "kana": "では、いただきます。",
              "text": "dewa, itadakimasu."
            },
            "exampleTranslation": "Bon, je commence à manger."
          }
        ],
        "exercises": [
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "Excusez-moi ! La carte, s'il vous plaît.",
            "answer": "すみません！メニューをください。"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "De l'eau, s'il vous plaît.",
            "answer": "みずをください。"
          },
          {
            "instruction": "Traduisez en japonais (en kana).",
            "prompt": "C'est délicieux !",
            "answer": "おいしいです！"
          },
          {
            "instruction": "Que dit-on avant de manger ? Écrivez-le en hiragana.",
            "prompt": "itadakimasu",
            "answer": "いただきます"
          }
        ],
        "quiz": [
          {
            "question": "Pour appeler le serveur, on dit :",
            "options": [
              "すみません",
              "いただきます",
              "さようなら"
            ],
            "answerIndex": 0,
            "explanation": "すみません (excusez-moi) sert aussi à appeler le serveur."
          },
          {
            "question": "Pourquoi メニュー est-il écrit en katakana ?",
            "options": [
              "C'est un mot emprunté à une langue étrangère.",
              "C'est un nom propre.",
              "C'est un verbe."
            ],
            "answerIndex": 0,
            "explanation": "メニュー vient de l'anglais « menu » : les mots empruntés s'écrivent en katakana."
          },
          {
            "question": "Que veut dire おいしい (oishii) ?",
            "options": [
              "cher",
              "délicieux",
              "froid"
            ],
            "answerIndex": 1,
            "explanation": "おいしい veut dire bon, délicieux."
          }
        ]
      }
    }
  ]
} satisfies DemoCourseData;
