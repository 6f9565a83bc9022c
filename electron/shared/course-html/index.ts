export type { CourseView, LessonView, ReadingView, VocabularyItemView, DialogueView, GrammarView, ExerciseView, QuizQuestionView, SectionName } from './course-view.js';
export { escapeHtml } from './escape.js';
export { languageTag, textDirection, langAttributes } from './language.js';
export { COURSE_CSS } from './course-css.js';
export { renderCourseHtml, renderLessonHtml, renderAnswerKeyHtml, renderCourseDocument, nativeLanguageAttributes, lessonAnchor, type RenderMode, type RenderOptions, type DocumentOptions } from './render-course.js';
export { genderMark, readingText, rubyText, termLabel, usesRuby, withArticle, withReading } from './readings.js';
