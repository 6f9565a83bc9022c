// Moodle keeps a matching question's answers (the meanings offered in each menu) in
// question_match_subquestions.answertext, a char(255) column (question/type/match/db/install.xml
// in moodle/moodle), for GIFT and Moodle XML imports alike. A longer answer fails the import's
// database write (PostgreSQL "value too long", MySQL in strict mode), and with it the whole file.
//
// We shorten rather than refuse: the answer is a menu entry the learner recognises a meaning by,
// and its first 250-odd characters do that; refusing would fail the whole export (or drop the
// lesson's vocabulary question) over one long gloss, while the full meaning stays in the course,
// the handout and the Anki deck. Cut at a word boundary when one is near, and end with "…" so
// the teacher sees it was shortened.

/** The most characters Moodle stores for a matching answer (char(255): characters, not bytes). */
export const MOODLE_MATCH_ANSWER_MAX = 255;

/** `text` as Moodle can store it as a matching answer: unchanged when it fits, else cut to 255 characters ending in "…". */
export function moodleMatchAnswer(text: string, max = MOODLE_MATCH_ANSWER_MAX): string {
  // Moodle trims what it imports; count what it stores, in code points (an emoji is one character).
  const chars = Array.from(text.trim());
  if (chars.length <= max) return text.trim();
  const kept = chars.slice(0, max - 1);
  // Back to the last space if it is within the last fifth, so a word is not cut in half.
  const space = kept.lastIndexOf(' ');
  const cut = space >= Math.floor((max - 1) * 0.8) ? kept.slice(0, space) : kept;
  return `${cut.join('').trimEnd()}…`;
}
