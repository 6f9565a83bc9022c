import { strToU8, zipSync } from 'fflate';
import { COURSE_CSS } from '../../shared/course-html/course-css.js';
import { renderCourseDocument } from '../../shared/course-html/render-course.js';
import type { Course } from '../course/course-schema.js';
import { courseView } from './course-view.js';
import type { CourseAudio } from './course-audio.js';
import type { ExportFormat } from './export-format.js';
import { scormPlayerJs } from './scorm-player.js';

// A SCORM 1.2 package: one SCO (index.html, the course in the shared renderer's SCORM mode, a
// lesson per page), its stylesheet and its player script, every file in the zip and listed in
// imsmanifest.xml; nothing from a CDN. Loads in Moodle, Canvas, Blackboard and most LMSs.
// With the course's clips, they go in the zip's audio/ folder, listed in the SCO's resource, and
// each spoken text in the pages gets a play button that the player script plays.

/** Where a package keeps its clips, relative to index.html. */
export const SCORM_AUDIO_FOLDER = 'audio';

/** The share of quiz answers (percent) that passes: declared to the LMS as adlcp:masteryscore, and the player's own pass mark when the LMS does not hand it on. */
export const MASTERY_SCORE = 80;

export const SCORM_FILES = ['index.html', 'course.css', 'scorm-player.js'] as const;

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

/** The files of the package, index.html first, then its stylesheet, its script and its clips. */
function packageFiles(audio?: CourseAudio): string[] {
  return [...SCORM_FILES, ...[...(audio?.files.keys() ?? [])].sort().map((f) => `${SCORM_AUDIO_FOLDER}/${f}`)];
}

export function scormManifest(course: Course, audio?: CourseAudio): string {
  const title = xml(course.title);
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="fluentpro-${course.slug}" version="1.0"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="fluentpro-organization">
    <organization identifier="fluentpro-organization">
      <title>${title}</title>
      <item identifier="fluentpro-course" identifierref="fluentpro-sco" isvisible="true">
        <title>${title}</title>
        <adlcp:masteryscore>${MASTERY_SCORE}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="fluentpro-sco" type="webcontent" adlcp:scormtype="sco" href="index.html">
${packageFiles(audio).map((f) => `      <file href="${xml(f)}"/>`).join('\n')}
    </resource>
  </resources>
</manifest>
`;
}

export function exportScorm(course: Course, audio?: CourseAudio): Uint8Array {
  const clipSrc = (pointer: string) => {
    const file = audio?.clips.get(pointer);
    return file ? `${SCORM_AUDIO_FOLDER}/${file}` : undefined;
  };
  const index = renderCourseDocument(courseView(course), {
    mode: 'scorm',
    stylesheets: ['course.css'],
    scripts: ['scorm-player.js'],
    contentSecurityPolicy: `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:${audio ? "; media-src 'self'" : ''}`,
    ...(audio ? { audio: clipSrc } : {}),
  });
  const files: Record<(typeof SCORM_FILES)[number] | 'imsmanifest.xml', string> = {
    'imsmanifest.xml': scormManifest(course, audio),
    'index.html': index,
    'course.css': COURSE_CSS,
    'scorm-player.js': scormPlayerJs(MASTERY_SCORE),
  };
  const zip: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
  // MP3 is compressed already: stored, not deflated again.
  for (const [file, bytes] of audio?.files ?? []) zip[`${SCORM_AUDIO_FOLDER}/${file}`] = [bytes, { level: 0 }];
  return zipSync(zip, { level: 6 });
}

export const scormFormat: ExportFormat = {
  id: 'scorm',
  label: 'SCORM 1.2 package (.zip)',
  extension: 'scorm.zip',
  mimeType: 'application/zip',
  async export(course, options) {
    return exportScorm(course, options?.audio);
  },
};
