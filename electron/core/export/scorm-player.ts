/**
 * scorm-player.js, the one script of a SCORM package (a file, never inline): it finds the LMS's
 * SCORM 1.2 API, shows the course a page at a time, plays the quizzes written by the shared
 * renderer (data-fp-* attributes) and reports to the LMS:
 * - cmi.core.lesson_status "incomplete" on a first launch; "passed" or "failed" only once every
 *   question is answered, with cmi.core.score.raw 0–100 (two decimals at most), .min 0 and .max 100.
 *   The pass mark is cmi.student_data.mastery_score when the LMS gives one, else the manifest's
 *   adlcp:masteryscore (`masteryScore` here): several LMSs never hand it to the SCO, and without
 *   this fallback a learner at 10 % was reported "completed";
 * - after every answer the answers so far (suspend_data) and the page (lesson_location), then
 *   LMSCommit, so a tab that crashes or is killed keeps the session's answers;
 * - on unload only what lets the learner resume (location, answers, exit "suspend"), then
 *   LMSFinish: never a status, so an unfinished quiz is never marked passed. No LMSCommit there:
 *   LMSFinish itself persists every value set (SCORM 1.2 RTE 3.4.3.2), and a run-time that
 *   commits by synchronous XHR (scorm-again's LMSCommit) fails during page dismissal in Chromium,
 *   which forbids synchronous XHR then (its LMSFinish sends a beacon instead).
 * Plain ES5 so old LMS browsers run it; no SCORM 2004 element is used.
 */
export function scormPlayerJs(masteryScore: number): string {
  if (!Number.isFinite(masteryScore) || masteryScore < 0 || masteryScore > 100) throw new TypeError(`Expected \`masteryScore\` to be a number from 0 to 100, got \`${masteryScore}\``);
  return PLAYER_JS.replace('/*MASTERY_SCORE*/', String(masteryScore));
}

const PLAYER_JS = String.raw`/* FluentPro SCORM 1.2 player */
(function () {
  'use strict';

  // The package's own pass mark (imsmanifest.xml's adlcp:masteryscore), for an LMS that does not pass it on.
  var MANIFEST_MASTERY_SCORE = /*MASTERY_SCORE*/;

  var api = null;
  var initialized = false;
  var finished = false;
  var quizDone = false;
  var startedAt = new Date().getTime();
  var pages = [];
  var current = 0;

  // The LMS API: window.API on this window or a parent (at most 10 up), else on the opener's.
  function findApi(win) {
    var tries = 0;
    try {
      while (win && !win.API && win.parent && win.parent !== win && tries < 10) {
        tries++;
        win = win.parent;
      }
      return win && win.API ? win.API : null;
    } catch (e) {
      return null;
    }
  }
  function getApi() {
    var found = findApi(window);
    try {
      if (!found && window.opener) found = findApi(window.opener);
      if (!found && window.top && window.top.opener) found = findApi(window.top.opener);
    } catch (e) {}
    return found;
  }
  function lms(method, a, b) {
    if (!api || typeof api[method] !== 'function') return '';
    try {
      return String(arguments.length > 2 ? api[method](a, b) : api[method](a));
    } catch (e) {
      return '';
    }
  }
  function get(name) {
    return initialized ? lms('LMSGetValue', name) : '';
  }
  function set(name, value) {
    if (initialized) lms('LMSSetValue', name, String(value));
  }

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function closest(el, selector) {
    while (el && el.nodeType === 1) {
      if (el.matches ? el.matches(selector) : el.msMatchesSelector(selector)) return el;
      el = el.parentNode;
    }
    return null;
  }

  // ---- pages: the course overview, then one lesson at a time ----
  var nav, status, prev, next;
  function show(index) {
    if (index < 0 || index >= pages.length) return;
    current = index;
    for (var i = 0; i < pages.length; i++) {
      if (i === index) pages[i].removeAttribute('hidden');
      else pages[i].setAttribute('hidden', '');
    }
    prev.disabled = index === 0;
    next.disabled = index === pages.length - 1;
    status.textContent = index === 0 ? 'Overview' : 'Lesson ' + index + ' of ' + (pages.length - 1);
    if (window.scrollTo) window.scrollTo(0, 0);
  }
  function button(text, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'fp-button';
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }
  function setUpPages() {
    var course = document.querySelector('.fp-course');
    if (!course) return false;
    pages = [course.querySelector('.fp-course-header')].concat(all('.fp-lesson', course));
    nav = document.createElement('nav');
    nav.className = 'fp-scorm-nav';
    nav.setAttribute('aria-label', 'Pages');
    prev = button('Previous', function () { show(current - 1); });
    next = button('Next', function () { show(current + 1); });
    status = document.createElement('span');
    status.className = 'fp-scorm-status';
    nav.appendChild(prev);
    nav.appendChild(status);
    nav.appendChild(next);
    course.appendChild(nav);
    return true;
  }

  // ---- quizzes ----
  function questions() {
    return all('[data-fp-question]');
  }
  function pickedIndex(q) {
    var v = q.getAttribute('data-fp-picked');
    return v === null ? -1 : parseInt(v, 10);
  }
  function markAnswer(q, picked) {
    var correct = parseInt(q.getAttribute('data-fp-correct'), 10);
    var options = all('[data-fp-action="pick-option"]', q);
    q.setAttribute('data-fp-picked', String(picked));
    q.setAttribute('data-fp-result', picked === correct ? 'right' : 'wrong');
    for (var k = 0; k < options.length; k++) {
      options[k].disabled = true;
      options[k].setAttribute('aria-pressed', k === picked ? 'true' : 'false');
      if (k === correct) options[k].setAttribute('data-fp-result', 'right');
      else if (k === picked) options[k].setAttribute('data-fp-result', 'wrong');
    }
    var feedback = q.querySelector('[data-fp-feedback]');
    if (feedback) {
      feedback.setAttribute('data-fp-result', picked === correct ? 'right' : 'wrong');
      feedback.textContent = picked === correct ? 'Right.' : 'Not quite: the answer is ' + String.fromCharCode(97 + correct) + ') ';
      if (picked !== correct) {
        // The option in its own direction (an Arabic answer in an English sentence keeps its punctuation).
        var answerText = document.createElement('bdi');
        answerText.textContent = options[correct] ? options[correct].textContent : '';
        feedback.appendChild(answerText);
        feedback.appendChild(document.createTextNode('.'));
      }
      feedback.removeAttribute('hidden');
    }
    var explanation = q.querySelector('[data-fp-explanation]');
    if (explanation) explanation.removeAttribute('hidden');
    updateLessonScore(closest(q, '[data-fp-quiz]'));
  }
  function updateLessonScore(quiz) {
    if (!quiz) return;
    var qs = all('[data-fp-question]', quiz);
    var answered = 0;
    var right = 0;
    for (var i = 0; i < qs.length; i++) {
      if (pickedIndex(qs[i]) >= 0) answered++;
      if (qs[i].getAttribute('data-fp-result') === 'right') right++;
    }
    var score = quiz.querySelector('[data-fp-score]');
    if (score && answered === qs.length) {
      score.textContent = 'Score: ' + right + ' of ' + qs.length;
      score.removeAttribute('hidden');
    }
  }

  // Answers kept in cmi.core.suspend_data ("fp1:" and a character per question), so a learner resumes.
  function answersString() {
    var qs = questions();
    var s = 'fp1:';
    for (var i = 0; i < qs.length; i++) {
      var p = pickedIndex(qs[i]);
      s += p >= 0 && p < 10 ? String(p) : '-';
    }
    return s.length <= 4096 ? s : '';
  }
  function restore() {
    var data = get('cmi.core.suspend_data');
    if (data.indexOf('fp1:') === 0) {
      var qs = questions();
      for (var i = 0; i < qs.length && i + 4 < data.length; i++) {
        var c = data.charAt(i + 4);
        if (c !== '-') markAnswer(qs[i], parseInt(c, 10));
      }
    }
    var location = parseInt(get('cmi.core.lesson_location'), 10);
    if (location >= 0 && location < pages.length) show(location);
    finishQuizIfDone();
  }

  // Reports the score and status (and commits) once every question is answered; true when it did.
  function finishQuizIfDone() {
    var qs = questions();
    if (quizDone || qs.length === 0) return false;
    var right = 0;
    for (var i = 0; i < qs.length; i++) {
      if (pickedIndex(qs[i]) < 0) return false;
      if (qs[i].getAttribute('data-fp-result') === 'right') right++;
    }
    quizDone = true;
    var raw = Math.round((right / qs.length) * 10000) / 100;
    set('cmi.core.score.min', '0');
    set('cmi.core.score.max', '100');
    set('cmi.core.score.raw', String(raw));
    set('cmi.core.lesson_status', raw >= masteryScore() ? 'passed' : 'failed');
    set('cmi.core.suspend_data', answersString());
    lms('LMSCommit', '');
    return true;
  }
  // The LMS's mastery score (a number from 0 to 100) when it gives one, else the manifest's.
  function masteryScore() {
    var given = get('cmi.student_data.mastery_score');
    var lmsScore = /^\s*\d+(\.\d+)?\s*$/.test(given) ? parseFloat(given) : NaN;
    return lmsScore >= 0 && lmsScore <= 100 ? lmsScore : MANIFEST_MASTERY_SCORE;
  }

  // A clip plays from its start; starting one stops any other, so two never talk at once.
  function playClip(button) {
    var audio = document.getElementById(button.getAttribute('aria-controls'));
    if (!audio || typeof audio.play !== 'function') return;
    var clips = all('audio[data-fp-clip]', document);
    for (var i = 0; i < clips.length; i++) {
      if (clips[i] !== audio && !clips[i].paused) clips[i].pause();
    }
    try {
      audio.currentTime = 0;
    } catch (e) {
      // Not seekable yet (nothing loaded): it starts at 0 anyway.
    }
    var played = audio.play();
    // play() returns a promise in current browsers; a refusal (no file, autoplay rules) is not an error of the course.
    if (played && typeof played['catch'] === 'function') played['catch'](function () {});
  }

  function onClick(event) {
    var target = closest(event.target, '[data-fp-action]');
    if (!target) return;
    var action = target.getAttribute('data-fp-action');
    if (action === 'pick-option') {
      var q = closest(target, '[data-fp-question]');
      if (!q || pickedIndex(q) >= 0) return;
      markAnswer(q, parseInt(target.getAttribute('data-fp-option'), 10));
      if (!quizDone) {
        // Saved and committed now, not only on unload: a crashed tab never unloads.
        set('cmi.core.suspend_data', answersString());
        set('cmi.core.lesson_location', String(current));
        if (!finishQuizIfDone()) lms('LMSCommit', '');
      }
    } else if (action === 'reveal-answer') {
      var answer = document.getElementById(target.getAttribute('aria-controls'));
      if (!answer) return;
      var open = answer.hasAttribute('hidden');
      if (open) answer.removeAttribute('hidden');
      else answer.setAttribute('hidden', '');
      target.setAttribute('aria-expanded', open ? 'true' : 'false');
    } else if (action === 'play-audio') {
      playClip(target);
    } else if (action === 'toggle-translations') {
      var block = closest(target, '[data-fp-translations]');
      if (!block) return;
      var shown = block.getAttribute('data-fp-translations') !== 'hidden';
      block.setAttribute('data-fp-translations', shown ? 'hidden' : 'shown');
      target.setAttribute('aria-pressed', shown ? 'false' : 'true');
    } else return;
    event.preventDefault();
  }
  function onTocClick(event) {
    var link = closest(event.target, '.fp-toc a');
    if (!link) return;
    var id = (link.getAttribute('href') || '').slice(1);
    for (var i = 0; i < pages.length; i++) {
      if (pages[i].id === id) {
        event.preventDefault();
        show(i);
        return;
      }
    }
  }

  function sessionTime() {
    var seconds = Math.max(0, (new Date().getTime() - startedAt) / 1000);
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return pad(Math.min(h, 9999)) + ':' + pad(m) + ':' + (s < 10 ? '0' : '') + s.toFixed(2);
  }

  // Leaving: what resumes the course, never a status (an unfinished quiz is not "passed").
  function finish() {
    if (!initialized || finished) return;
    finished = true;
    set('cmi.core.lesson_location', String(current));
    set('cmi.core.session_time', sessionTime());
    if (!quizDone) {
      set('cmi.core.suspend_data', answersString());
      set('cmi.core.exit', 'suspend');
    } else set('cmi.core.exit', '');
    lms('LMSFinish', '');
  }

  function start() {
    if (!setUpPages()) return;
    api = getApi();
    if (api) initialized = lms('LMSInitialize', '') === 'true';
    if (initialized) {
      var lessonStatus = get('cmi.core.lesson_status');
      if (lessonStatus === 'not attempted' || lessonStatus === '') set('cmi.core.lesson_status', 'incomplete');
      if (lessonStatus === 'passed' || lessonStatus === 'failed' || lessonStatus === 'completed') quizDone = true;
    }
    show(0);
    if (initialized) restore();
    document.addEventListener('click', onClick);
    document.addEventListener('click', onTocClick);
    window.addEventListener('pagehide', finish);
    window.addEventListener('beforeunload', finish);
    window.addEventListener('unload', finish);
    document.documentElement.setAttribute('data-fp-lms', initialized ? 'connected' : 'none');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
