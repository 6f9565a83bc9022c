import { Admission } from '../electron/core/pacing/admission.js';
import { runAgainstLimits } from '../test/support/provider-limits-run.js';
const run = await runAgainstLimits({ jobs: 8, lessons: 8, latencyMs: 200, settings: { maxInFlightRequests: 16 }, admission: new Admission({ maxInFlight: 16 }) }, 'Probe');
const t0 = Math.min(...run.server.requests.map((r) => r.startedAt));
for (const r of [...run.server.requests].sort((a, b) => a.startedAt - b.startedAt)) console.log(String(Math.round(r.startedAt - t0)).padStart(5), String(Math.round(r.endedAt - t0)).padStart(5), r.status, r.key.slice(0, 50));
console.log('wall', Math.round(run.wallMs), 'peak', run.peakConcurrent);
