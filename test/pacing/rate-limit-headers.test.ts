import { describe, expect, it } from 'vitest';
import { parseGoDuration, readRateLimitHeaders } from '../../electron/core/pacing/rate-limit-headers.js';

describe('parseGoDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['1s', 1000],
    ['20ms', 20],
    ['2s81ms', 2081],
    ['1h2m3.5s', 3_723_500],
    ['0.5s', 500],
    ['.5s', 500],
    ['0', 0],
    ['0s', 0],
    ['1500us', 1.5],
    ['1500µs', 1.5],
    ['2000000ns', 2],
    [' 12ms ', 12],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseGoDuration(text)).toBeCloseTo(ms, 9);
  });

  it.each(['', 'abc', '5', '-1s', '+1s', '1x', '1 s', '1s 2ms', '1.5.2s', 's', '1s2', 'NaN', '1e3s', 'ms', '∞s', '1d', 'Infinity'])('gives undefined for garbage %j', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});

describe('readRateLimitHeaders', () => {
  it('reads all six headers of an OpenAI answer', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-remaining-tokens': '149984',
      'x-ratelimit-reset-requests': '1s',
      'x-ratelimit-reset-tokens': '6m0s',
    });
    expect(readRateLimitHeaders(headers)).toEqual({
      limitRequests: 60,
      limitTokens: 150_000,
      remainingRequests: 59,
      remainingTokens: 149_984,
      resetRequestsMs: 1000,
      resetTokensMs: 360_000,
    });
  });

  it('matches header names whatever their case (through Headers)', () => {
    expect(readRateLimitHeaders(new Headers({ 'X-RateLimit-Limit-Tokens': '30000' }))).toEqual({ limitTokens: 30_000 });
  });

  it('leaves out what is missing, so a server without headers teaches nothing', () => {
    expect(readRateLimitHeaders(new Headers())).toEqual({});
    expect(readRateLimitHeaders(undefined)).toEqual({});
    expect(readRateLimitHeaders(new Headers({ 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '2s81ms' }))).toEqual({ remainingTokens: 0, resetTokensMs: 2081 });
  });

  it('leaves out values it cannot read rather than guessing', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '0', // a limit of nothing is no limit anyone enforces
      'x-ratelimit-limit-tokens': '1,000',
      'x-ratelimit-remaining-requests': '-3',
      'x-ratelimit-remaining-tokens': 'lots',
      'x-ratelimit-reset-requests': 'soon',
      'x-ratelimit-reset-tokens': '-1s',
    });
    expect(readRateLimitHeaders(headers)).toEqual({});
  });

  it('reads a reset written as plain seconds, as some OpenAI-compatible servers send it', () => {
    expect(readRateLimitHeaders(new Headers({ 'x-ratelimit-reset-requests': '1.5', 'x-ratelimit-reset-tokens': '0' }))).toEqual({ resetRequestsMs: 1500, resetTokensMs: 0 });
  });

  it('works with any object that has get()', () => {
    const map = new Map([['x-ratelimit-limit-requests', '500']]);
    expect(readRateLimitHeaders({ get: (name) => map.get(name) ?? null })).toEqual({ limitRequests: 500 });
  });
});
