// What makes the shared renderer's reading-mode HTML work on screen. The HTML carries no script
// and no handlers (see electron/shared/course-html/render-course.ts); this adds one click
// listener to the container and acts on the data-fp-* attributes of what was clicked.
import type { ClipPlayer } from './clip-player.js';

/** Attaches the behaviour to a container of rendered lessons; returns what detaches it. `player` plays the clips' buttons. */
export function attachCourseBehaviour(root: HTMLElement, player?: ClipPlayer): () => void {
  const onClick = (event: MouseEvent) => {
    const target = (event.target as Element | null)?.closest?.('[data-fp-action]');
    if (!target || !root.contains(target)) return;
    const action = target.getAttribute('data-fp-action');
    if (action === 'reveal-answer') revealAnswer(root, target);
    else if (action === 'toggle-translations') toggleTranslations(target);
    else if (action === 'pick-option') pickOption(target);
    else if (action === 'play-audio' && player) playClip(root, target, player);
    else return;
    event.preventDefault();
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}

/** Shows (or hides again) the one answer the button controls. */
function revealAnswer(root: HTMLElement, button: Element): void {
  const id = button.getAttribute('aria-controls');
  const answer = id ? root.ownerDocument.getElementById(id) : null;
  if (!answer || !root.contains(answer)) return;
  const open = answer.hasAttribute('hidden');
  answer.toggleAttribute('hidden', !open);
  button.setAttribute('aria-expanded', String(open));
  button.textContent = open ? 'Hide answer' : 'Show answer';
}

/** The <audio> a play button controls, if it is in `root`. */
export function clipOf(root: HTMLElement, button: Element): HTMLAudioElement | undefined {
  const id = button.getAttribute('aria-controls');
  const audio = id ? root.ownerDocument.getElementById(id) : null;
  return audio instanceof HTMLAudioElement && root.contains(audio) ? audio : undefined;
}

function playClip(root: HTMLElement, button: Element, player: ClipPlayer): void {
  const audio = clipOf(root, button);
  if (audio) player.play(audio);
}

function toggleTranslations(button: Element): void {
  const block = button.closest('[data-fp-translations]');
  if (!block) return;
  const shown = block.getAttribute('data-fp-translations') !== 'hidden';
  block.setAttribute('data-fp-translations', shown ? 'hidden' : 'shown');
  button.setAttribute('aria-pressed', String(!shown));
}

const letter = (k: number) => String.fromCharCode(97 + k);

/** Answers a question once: marks right and wrong, says why, and scores the quiz when its last question is answered. */
function pickOption(button: Element): void {
  const question = button.closest('[data-fp-question]');
  if (!question || question.hasAttribute('data-fp-picked')) return;
  const picked = Number(button.getAttribute('data-fp-option'));
  const correct = Number(question.getAttribute('data-fp-correct'));
  const right = picked === correct;
  const options = [...question.querySelectorAll<HTMLButtonElement>('[data-fp-action="pick-option"]')];
  question.setAttribute('data-fp-picked', String(picked));
  question.setAttribute('data-fp-result', right ? 'right' : 'wrong');
  options.forEach((option, k) => {
    option.disabled = true;
    option.setAttribute('aria-pressed', String(k === picked));
    if (k === correct) option.setAttribute('data-fp-result', 'right');
    else if (k === picked) option.setAttribute('data-fp-result', 'wrong');
  });
  const feedback = question.querySelector('[data-fp-feedback]');
  if (feedback) {
    feedback.setAttribute('data-fp-result', right ? 'right' : 'wrong');
    feedback.textContent = right ? 'Right.' : `Not quite: the answer is ${letter(correct)}) ${options[correct]?.textContent ?? ''}.`;
    feedback.removeAttribute('hidden');
  }
  question.querySelector('[data-fp-explanation]')?.removeAttribute('hidden');
  const quiz = question.closest('[data-fp-quiz]');
  if (quiz) scoreQuiz(quiz);
}

function scoreQuiz(quiz: Element): void {
  const questions = [...quiz.querySelectorAll('[data-fp-question]')];
  if (!questions.every((q) => q.hasAttribute('data-fp-picked'))) return;
  const right = questions.filter((q) => q.getAttribute('data-fp-result') === 'right').length;
  const score = quiz.querySelector('[data-fp-score]');
  if (!score) return;
  score.textContent = `Score: ${right} of ${questions.length}${right === questions.length ? ' — all right!' : ''}`;
  score.removeAttribute('hidden');
}
