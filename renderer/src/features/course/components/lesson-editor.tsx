import { useId, useRef, useState } from 'react';
import type { LessonChangeView, LessonPatchView } from '../../../../../electron/shared/api.js';
import type { LessonView } from '../../../../../electron/shared/course-html/index.js';
import { useApi } from '../../../lib/api-context.js';

/** The lesson's text as the form edits it: the fields of a LessonPatchView, mutable. */
type Draft = { -readonly [K in keyof LessonPatchView]: LessonPatchView[K] };
type Problems = Record<string, string>;

const EMPTY = 'must not be empty';

function draftOf(lesson: LessonView): Draft {
  const { title, summary, vocabulary, dialogue, grammar, exercises, quiz } = structuredClone(lesson) as LessonView;
  return { title, summary, ...(vocabulary ? { vocabulary } : {}), ...(dialogue ? { dialogue } : {}), ...(grammar ? { grammar } : {}), ...(exercises ? { exercises } : {}), ...(quiz ? { quiz } : {}) };
}

/** "vocabulary[2].translation" → ['vocabulary', 2, 'translation'], the path core names a refused field by. */
function keysOf(path: string): (string | number)[] {
  return path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

function withValue(draft: Draft, path: string, value: unknown): Draft {
  const copy = structuredClone(draft) as Record<string | number, unknown>;
  const keys = keysOf(path);
  let at = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[keys.at(-1)!] = value;
  return copy as Draft;
}

/** Every text field of the draft, by path, for the checks made before saving. */
function textFields(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => textFields(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => textFields(v, path ? `${path}.${k}` : k));
  return [];
}

/**
 * Edit: a form per section for the lesson's text. Empty fields are caught before saving; what
 * the server refuses (INVALID_LESSON_EDIT) is shown beside the field it names.
 */
export function LessonEditor({ jobId, lesson, onSaved, onCancel }: { jobId: string; lesson: LessonView; onSaved: (change: LessonChangeView) => void; onCancel: () => void }) {
  const api = useApi();
  const prefix = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(lesson));
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const idOf = (path: string) => `${prefix}-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

  const focusFirstProblem = (found: Problems) =>
    requestAnimationFrame(() => {
      const first = Object.keys(found)[0];
      if (first) document.getElementById(idOf(first))?.focus();
    });

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: Problems = Object.fromEntries(textFields(draft).filter(([, v]) => v.trim() === '').map(([path]) => [path, EMPTY]));
    setProblems(found);
    setFormError(undefined);
    if (Object.keys(found).length) {
      setFormError(`Not saved: ${Object.keys(found).length === 1 ? 'a field is' : `${Object.keys(found).length} fields are`} empty.`);
      focusFirstProblem(found);
      return;
    }
    setSaving(true);
    try {
      onSaved(await api.editLesson(jobId, lesson.number, draft));
    } catch (e) {
      const error = e as { message: string; code?: string; field?: string };
      const field = error.field && document.getElementById(idOf(error.field)) ? error.field : undefined;
      if (field) {
        const refused = { [field]: error.message.startsWith(`${field}: `) ? error.message.slice(field.length + 2) : error.message };
        setProblems(refused);
        setFormError('Not saved: the lesson’s rules refuse a field (marked below).');
        focusFirstProblem(refused);
      } else setFormError(`Not saved: ${error.message}`);
    } finally {
      setSaving(false);
    }
  };

  /** One labelled text field bound to `path`, its problem beside it. */
  const field = (path: string, label: string, multiline = false) => {
    const value = keysOf(path).reduce<unknown>((at, key) => (at as Record<string | number, unknown> | undefined)?.[key], draft) as string;
    const id = idOf(path);
    const problem = problems[path];
    const props = {
      id,
      value,
      'aria-invalid': problem ? true : undefined,
      'aria-describedby': problem ? `${id}-problem` : undefined,
      onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setDraft(withValue(draft, path, e.target.value)),
    };
    return (
      <div className={`field${problem ? ' invalid' : ''}`} key={path}>
        <label htmlFor={id}>{label}</label>
        {multiline ? <textarea rows={2} {...props} /> : <input type="text" {...props} />}
        {problem && (
          <span id={`${id}-problem`} className="field-problem">
            {label}: {problem}
          </span>
        )}
      </div>
    );
  };

  const { vocabulary, dialogue, grammar, exercises, quiz } = draft;
  return (
    <form ref={formRef} className="lesson-editor" aria-label={`Edit lesson ${lesson.number}`} onSubmit={(e) => void save(e)} noValidate>
      <fieldset>
        <legend>Lesson</legend>
        {field('title', 'Title')}
        {field('summary', 'Summary', true)}
      </fieldset>
      {vocabulary && (
        <fieldset>
          <legend>Vocabulary</legend>
          {vocabulary.map((v, i) => (
            <fieldset key={i} className="lesson-editor-item">
              <legend>
                Term {i + 1}: {lesson.vocabulary?.[i]?.term ?? v.term}
              </legend>
              {field(`vocabulary[${i}].translation`, 'Translation')}
              {field(`vocabulary[${i}].example`, 'Example', true)}
              {field(`vocabulary[${i}].exampleTranslation`, 'Example translation', true)}
            </fieldset>
          ))}
        </fieldset>
      )}
      {dialogue && (
        <fieldset>
          <legend>Dialogue</legend>
          {field('dialogue.setting', 'Setting', true)}
          {dialogue.lines.map((l, i) => (
            <fieldset key={i} className="lesson-editor-item">
              <legend>
                Line {i + 1} ({l.speaker})
              </legend>
              {field(`dialogue.lines[${i}].line`, 'Line', true)}
              {field(`dialogue.lines[${i}].translation`, 'Translation', true)}
            </fieldset>
          ))}
        </fieldset>
      )}
      {grammar && (
        <fieldset>
          <legend>Grammar</legend>
          {field('grammar.explanation', 'Explanation', true)}
          {grammar.examples.map((_, i) => (
            <fieldset key={i} className="lesson-editor-item">
              <legend>Example {i + 1}</legend>
              {field(`grammar.examples[${i}].sentence`, 'Sentence')}
              {field(`grammar.examples[${i}].translation`, 'Translation')}
            </fieldset>
          ))}
        </fieldset>
      )}
      {exercises && (
        <fieldset>
          <legend>Exercises</legend>
          {exercises.map((_, i) => (
            <fieldset key={i} className="lesson-editor-item">
              <legend>Exercise {i + 1}</legend>
              {field(`exercises[${i}].instruction`, 'Instruction')}
              {field(`exercises[${i}].prompt`, 'Prompt', true)}
              {field(`exercises[${i}].answer`, 'Answer', true)}
            </fieldset>
          ))}
        </fieldset>
      )}
      {quiz && (
        <fieldset>
          <legend>Quiz</legend>
          {quiz.map((q, i) => {
            const answerPath = `quiz[${i}].answerIndex`;
            const answerId = idOf(answerPath);
            return (
              <fieldset key={i} className="lesson-editor-item">
                <legend>Question {i + 1}</legend>
                {field(`quiz[${i}].question`, 'Question', true)}
                {q.options.map((_, k) => field(`quiz[${i}].options[${k}]`, `Option ${k + 1}`))}
                <div className={`field${problems[answerPath] ? ' invalid' : ''}`}>
                  <label htmlFor={answerId}>Right answer</label>
                  <select
                    id={answerId}
                    value={q.answerIndex}
                    aria-invalid={problems[answerPath] ? true : undefined}
                    aria-describedby={problems[answerPath] ? `${answerId}-problem` : undefined}
                    onChange={(e) => setDraft(withValue(draft, answerPath, Number(e.target.value)))}
                  >
                    {q.options.map((o, k) => (
                      <option key={k} value={k}>
                        Option {k + 1}: {o}
                      </option>
                    ))}
                  </select>
                  {problems[answerPath] && (
                    <span id={`${answerId}-problem`} className="field-problem">
                      Right answer: {problems[answerPath]}
                    </span>
                  )}
                </div>
                {field(`quiz[${i}].explanation`, 'Explanation', true)}
              </fieldset>
            );
          })}
        </fieldset>
      )}
      {formError && (
        <p role="alert" className="field-problem">
          {formError}
        </p>
      )}
      <div className="form-buttons lesson-editor-buttons">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
