// @vitest-environment happy-dom
import { act, cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CourseView } from '../../electron/shared/course-html/index.js';
import { fakeCourse, fakeCourseDetail } from './course-fixture.js';
import { FakeBridge, fakeJob } from './fake-bridge.js';
import { renderApp } from './render-app.js';

// The viewer's clips, in the DOM: play buttons where the course has clips and nowhere else, one
// clip at a time, the dialogue in order, the slower speed, and the keys. Playing itself is
// Chromium's (test/e2e/course-audio.spec.ts): here HTMLMediaElement.play records what was asked.

afterEach(cleanup);
configure({ asyncUtilTimeout: 5000 });

/** The <audio> elements play() was called on, in order. */
let played: HTMLAudioElement[] = [];
beforeEach(() => {
  played = [];
  localStorage.clear();
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    played.push(this as HTMLAudioElement);
    return Promise.resolve();
  });
  vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

/** Clips for every term, example and line of every lesson, as getCourse names them. */
function clipsFor(course: CourseView): Record<string, string> {
  const clips: Record<string, string> = {};
  course.lessons.forEach((lesson, l) => {
    lesson.vocabulary?.forEach((_, i) => {
      clips[`/lessons/${l}/vocabulary/${i}/term`] = `${l}${i}0000000000000000000.mp3`.slice(0, 20) + '.mp3';
      clips[`/lessons/${l}/vocabulary/${i}/example`] = `${l}${i}1000000000000000000.mp3`.slice(0, 20) + '.mp3';
    });
    lesson.dialogue?.lines.forEach((_, i) => (clips[`/lessons/${l}/dialogue/lines/${i}/line`] = `${l}${i}2000000000000000000.mp3`.slice(0, 20) + '.mp3'));
  });
  return clips;
}

async function openCourse(withClips: boolean) {
  const course = fakeCourse();
  const job = fakeJob({ title: 'Market', state: 'succeeded', lessonsDone: 3, lessonsTotal: 3, outputPath: '/out/market', finishedAt: new Date().toISOString() });
  const bridge = new FakeBridge([job]);
  bridge.courses.set(job.id, { ...fakeCourseDetail(job.id, course), ...(withClips ? { clips: clipsFor(course) } : {}) });
  renderApp(bridge);
  fireEvent.click(await screen.findByRole('button', { name: 'Read Market' }));
  const viewer = await screen.findByRole('region', { name: `Course ${course.title}` });
  const lesson = viewer.querySelector<HTMLElement>('.course-lesson section.fp-lesson')!;
  return { bridge, job, viewer, lesson, course };
}

/** The clip comes to its end, as the media element says (inside act: React state changes with it). */
const ended = (audio: HTMLAudioElement) => act(() => void audio.dispatchEvent(new Event('ended')));
const playing = (lesson: HTMLElement) => [...lesson.querySelectorAll('[data-fp-action="play-audio"][data-fp-playing]')].map((b) => b.getAttribute('aria-label'));

describe('the viewer’s clips', () => {
  it('puts a play button on every term, example and dialogue line, each playing its own clip through the bridge’s URL', async () => {
    const { lesson, job } = await openCourse(true);
    const buttons = within(lesson).getAllByRole('button', { name: /^Play: / });
    // 2 terms, 2 examples, 2 dialogue lines.
    expect(buttons).toHaveLength(6);
    fireEvent.click(within(lesson).getByRole('button', { name: 'Play: manzana 1' }));
    expect(played).toHaveLength(1);
    expect(played[0]!.getAttribute('src')).toBe(`/clips/${job.id}/00000000000000000000.mp3`);
    expect(playing(lesson)).toEqual(['Play: manzana 1']);
    // Another clip takes over; the first is no longer marked.
    fireEvent.click(within(lesson).getByRole('button', { name: 'Play: Dos euros.' }));
    expect(played).toHaveLength(2);
    expect(playing(lesson)).toEqual(['Play: Dos euros.']);
    ended(played[1]!);
    expect(playing(lesson)).toEqual([]);
  });

  it('plays the dialogue’s lines in order, each after the one before ends, and stops on demand', async () => {
    const { viewer, lesson } = await openCourse(true);
    const listen = within(viewer).getByRole('toolbar', { name: 'Listen' });
    fireEvent.click(within(listen).getByRole('button', { name: '▶ Play dialogue' }));
    expect(played.map((a) => a.closest('li')?.querySelector('.fp-line')?.textContent)).toEqual(['¿Cuánto cuesta?']);
    expect(within(listen).getByRole('button', { name: '■ Stop dialogue' })).toBeTruthy();
    ended(played[0]!);
    expect(played.map((a) => a.closest('li')?.querySelector('.fp-line')?.textContent)).toEqual(['¿Cuánto cuesta?', 'Dos euros.']);
    expect(playing(lesson)).toEqual(['Play: Dos euros.']);
    ended(played[1]!);
    expect(within(listen).getByRole('button', { name: '▶ Play dialogue' })).toBeTruthy();
    expect(played).toHaveLength(2);
  });

  it('skips a line whose clip cannot be played, and says which', async () => {
    const { viewer } = await openCourse(true);
    fireEvent.click(within(within(viewer).getByRole('toolbar', { name: 'Listen' })).getByRole('button', { name: '▶ Play dialogue' }));
    act(() => void played[0]!.dispatchEvent(new Event('error')));
    expect(played.map((a) => a.closest('li')?.querySelector('.fp-line')?.textContent)).toEqual(['¿Cuánto cuesta?', 'Dos euros.']);
    expect(within(viewer).getByRole('alert').textContent).toBe('This clip could not be played (¿Cuánto cuesta?).');
  });

  it('plays slower (0.75×) when Slower is pressed, and remembers it', async () => {
    const { viewer, lesson } = await openCourse(true);
    const slower = within(within(viewer).getByRole('toolbar', { name: 'Listen' })).getByRole('button', { name: 'Slower' });
    expect(slower.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(slower);
    expect(slower.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(lesson).getByRole('button', { name: 'Play: pan' }));
    expect(played[0]!.playbackRate).toBe(0.75);
    expect(localStorage.getItem('fluentpro.slowerAudio')).toBe('true');
    fireEvent.click(slower);
    expect(played[0]!.playbackRate).toBe(1);
  });

  it('answers the keys it shows: p the focused item, Shift+P the dialogue, s slower', async () => {
    const { viewer, lesson } = await openCourse(true);
    const listen = within(viewer).getByRole('toolbar', { name: 'Listen' });
    expect(within(listen).getByRole('button', { name: '▶ Play dialogue' }).getAttribute('aria-keyshortcuts')).toBe('Shift+P');
    expect(within(listen).getByRole('button', { name: 'Slower' }).getAttribute('aria-keyshortcuts')).toBe('s');
    const pan = within(lesson).getByRole('button', { name: 'Play: pan' });
    pan.focus();
    fireEvent.keyDown(pan, { key: 'p' });
    expect(played.map((a) => a.getAttribute('aria-label') ?? a.previousElementSibling?.getAttribute('aria-label'))).toEqual(['Play: pan']);
    fireEvent.keyDown(document.body, { key: 's' });
    expect(within(listen).getByRole('button', { name: 'Slower' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.keyDown(document.body, { key: 'P', shiftKey: true });
    expect(played.at(-1)!.closest('li')?.querySelector('.fp-line')?.textContent).toBe('¿Cuánto cuesta?');
    expect(played.at(-1)!.playbackRate).toBe(0.75);
    // Typing in a field is never taken for a key.
    fireEvent.keyDown(document.body, { key: 'P', shiftKey: true }); // stops the dialogue
    const count = played.length;
    const input = document.createElement('input');
    viewer.append(input);
    fireEvent.keyDown(input, { key: 'p' });
    expect(played).toHaveLength(count);
  });

  it('stops a clip when another lesson is shown', async () => {
    const { viewer, lesson } = await openCourse(true);
    fireEvent.click(within(lesson).getByRole('button', { name: 'Play: pan' }));
    const pause = vi.mocked(HTMLMediaElement.prototype.pause);
    pause.mockClear();
    fireEvent.click(within(viewer).getByRole('button', { name: 'Next ›' }));
    expect(pause).toHaveBeenCalled();
  });

  it('shows no play button, no Listen toolbar and takes no audio key for a course without audio', async () => {
    const { viewer, lesson } = await openCourse(false);
    expect(within(lesson).queryAllByRole('button', { name: /^Play/ })).toHaveLength(0);
    expect(lesson.querySelector('audio')).toBeNull();
    expect(within(viewer).queryByRole('toolbar', { name: 'Listen' })).toBeNull();
    fireEvent.keyDown(document.body, { key: 'p' });
    fireEvent.keyDown(document.body, { key: 'P', shiftKey: true });
    expect(played).toHaveLength(0);
    // The rest of the lesson works as before.
    expect(within(lesson).getAllByRole('button', { name: 'Show answer' }).length).toBeGreaterThan(0);
  });
});

describe('the clip URL of `fluentpro serve`', () => {
  it('is the clip route with the page’s token in the query, every part encoded', async () => {
    const { createHttpBridge } = await import('../../renderer/src/lib/http-bridge.js');
    expect(createHttpBridge('', 'to k').clipUrl('abcd1234', '0123456789abcdef0123.mp3')).toBe('/api/course-audio/abcd1234/0123456789abcdef0123.mp3?token=to%20k');
    expect(createHttpBridge('', 'tok').clipUrl('a/b', '../x')).toBe('/api/course-audio/a%2Fb/..%2Fx?token=tok');
  });
});
