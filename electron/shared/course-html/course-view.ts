// The course as the HTML renderer reads it: the shape of course.json (electron/core's `Course`),
// written out structurally so the renderer bundle can use it without importing electron/core.
// electron/core/export/course-view.ts asserts that every `Course` is a `CourseView`.

/** How a text not in the Latin script is read (course.json format 2): its romanization, and for Japanese its kana. */
export interface ReadingView {
  readonly text: string;
  readonly kana?: string | undefined;
}

export interface VocabularyItemView {
  readonly term: string;
  readonly translation: string;
  readonly example: string;
  readonly exampleTranslation: string;
  // Format 2, where the language needs them:
  readonly partOfSpeech?: string | undefined;
  readonly gender?: string | undefined;
  readonly article?: string | undefined;
  readonly reading?: ReadingView | undefined;
  readonly exampleReading?: ReadingView | undefined;
}

export interface DialogueView {
  readonly setting: string;
  readonly lines: readonly { readonly speaker: string; readonly line: string; readonly translation: string; readonly reading?: ReadingView | undefined }[];
}

export interface GrammarView {
  readonly point: string;
  readonly explanation: string;
  readonly examples: readonly { readonly sentence: string; readonly translation: string; readonly reading?: ReadingView | undefined }[];
}

export interface ExerciseView {
  readonly instruction: string;
  readonly prompt: string;
  readonly answer: string;
}

export interface QuizQuestionView {
  readonly question: string;
  readonly options: readonly string[];
  /** Index into `options` of the right answer, counted from 0. */
  readonly answerIndex: number;
  readonly explanation: string;
}

export interface LessonView {
  readonly number: number;
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly goals: readonly string[];
  readonly grammarPoint: string;
  readonly vocabulary?: readonly VocabularyItemView[] | undefined;
  readonly dialogue?: DialogueView | undefined;
  readonly grammar?: GrammarView | undefined;
  readonly exercises?: readonly ExerciseView[] | undefined;
  readonly quiz?: readonly QuizQuestionView[] | undefined;
}

export type SectionName = 'vocabulary' | 'dialogue' | 'grammar' | 'exercises' | 'quiz';

export interface CourseView {
  readonly title: string;
  readonly slug: string;
  /** Target language: a name ("Spanish") or a BCP-47 code ("es", "pt-BR"). */
  readonly language: string;
  readonly nativeLanguage: string;
  readonly level: string;
  readonly summary: string;
  readonly lessonMinutes: number;
  /** The sections the course asks for, in the order a lesson shows them. */
  readonly sections: readonly SectionName[];
  readonly lessons: readonly LessonView[];
  readonly totals: {
    readonly lessons: number;
    readonly minutes: number;
    readonly vocabulary: number;
    readonly exercises: number;
    readonly quizQuestions: number;
  };
  readonly generator: { readonly demo: boolean };
}
