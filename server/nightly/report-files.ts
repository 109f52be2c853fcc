/**
 * Writes reports/<date>/report.{json,md,html}. Each file is written to a temporary name and renamed into place, so a
 * run killed while writing leaves either the previous complete file or the new one, never half a report; a re-run
 * simply writes them again.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { renderHtml } from './report-html.ts';
import { renderMarkdown } from './report-markdown.ts';
import type { NightlyReport } from './report.ts';

export interface ReportFiles {
  dir: string;
  json: string;
  markdown: string;
  html: string;
}

/** `<root>/<date>/` for the default job, `<root>/<job>/<date>/` for any other (jobs never overwrite each other). */
export function reportDirFor(root: string, job: string, date: string, defaultJob: string): string {
  return job === defaultJob ? resolve(root, date) : resolve(root, job, date);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o644 });
  await rename(tmp, path);
}

export async function writeReportFiles(dir: string, report: NightlyReport): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const files: ReportFiles = {
    dir,
    json: join(dir, 'report.json'),
    markdown: join(dir, 'report.md'),
    html: join(dir, 'report.html'),
  };
  // report.json last: a monitor that watches its age sees a fresh one only when the whole report is in place.
  await writeAtomically(files.markdown, renderMarkdown(report));
  await writeAtomically(files.html, renderHtml(report));
  await writeAtomically(files.json, `${JSON.stringify(report, null, 2)}\n`);
  return files;
}
