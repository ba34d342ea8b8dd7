// The validators retailers use, run on every built volume:
// - EPUBCheck: the Java one (Debian's epubcheck 4.2.6 jar, run as `java -jar`) when Java and the jar
//   are there; otherwise @likecoin/epubcheck-ts, a port that misses some errors 4.2.6 catches.
//   The result always says which one ran.
// - DAISY Ace (accessibility), in the build's own Chromium (@sparticuz/chromium).
import { spawnTied } from '../core/child.js';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { browserExecutable } from '../browser/launch.js';
import { NODE_MODULES } from '../core/paths.js';

export interface Finding {
  id: string;
  severity: 'fatal' | 'error' | 'warning' | 'info';
  message: string;
  /** path:line:column inside the EPUB (Ace: the content document's path) */
  where?: string;
  /** Ace: the element it found failing, as an EPUB CFI in the content document (/4/2/4/8/2) */
  cfi?: string;
}

export interface EpubcheckResult {
  /** Which validator ran, e.g. "EPUBCheck 4.2.6 (Java)" */
  tool: string;
  fatals: number;
  errors: number;
  warnings: number;
  findings: Finding[];
}

export interface AceResult {
  tool: string;
  /** "pass" or "fail" */
  outcome: string;
  violations: number;
  /** Violations by impact: critical, serious, moderate, minor */
  byImpact: Record<string, number>;
  findings: Finding[];
}

/**
 * What a validator said when it failed, in its own words without its stack: the error lines, not
 * the frames under them ("at CdpFrame.<anonymous> (/…/decorators.js:109:27)"), the braces of an
 * error object printed whole, or Ace's advice to re-run it with --verbose; at most three of them.
 */
export function failureWords(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l) && !/^[{}[\](),]+$/.test(l) && !/^(cause|code|name)\s*:/.test(l) && !/--verbose/.test(l));
  return lines.slice(0, 3).join('; ') || 'it printed nothing';
}

export const DEFAULT_JAR = '/usr/share/java/epubcheck.jar';

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Tied to this process: a killed build leaves no EPUBCheck, no Ace and no Ace browser running.
    const child = spawnTied(command, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The Java EPUBCheck jar when Java and the jar are both usable, else undefined. */
export function javaEpubcheck(jar = process.env.BAOBAN_EPUBCHECK_JAR || DEFAULT_JAR): Promise<string | undefined> {
  // Asked once per jar and process: starting a JVM to ask takes a second or more, and a build that
  // asked for every volume started EPUBCheck that much after Ace.
  let probe = probes.get(jar);
  if (!probe) {
    probe = (async () => {
      try {
        await access(jar);
        const { code } = await run('java', ['-version']);
        return code === 0 ? jar : undefined;
      } catch {
        return undefined;
      }
    })();
    probes.set(jar, probe);
  }
  return probe;
}

const probes = new Map<string, Promise<string | undefined>>();

const SEVERITY: Record<string, Finding['severity']> = { FATAL: 'fatal', ERROR: 'error', WARNING: 'warning' };

interface JavaReport {
  checker?: { checkerVersion?: string };
  messages?: Array<{ ID: string; severity: string; message: string; locations?: Array<{ path?: string; line?: number; column?: number }> }>;
}

async function runJava(file: string, jar: string): Promise<EpubcheckResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-epubcheck-'));
  try {
    const json = path.join(dir, 'report.json');
    const { stderr } = await run('java', ['-jar', jar, file, '--json', json]);
    let report: JavaReport;
    try {
      report = JSON.parse(await readFile(json, 'utf8')) as JavaReport;
    } catch {
      throw new Error(`EPUBCheck (${jar}) wrote no report: ${failureWords(stderr)}`);
    }
    const findings: Finding[] = [];
    for (const m of report.messages ?? []) {
      const severity = SEVERITY[m.severity] ?? 'info';
      // The Java report lists one message per ID with all its locations: count each location.
      const locations = m.locations?.length ? m.locations : [{}];
      for (const loc of locations) {
        findings.push({
          id: m.ID,
          severity,
          message: m.message,
          where: loc.path ? `${loc.path}:${loc.line ?? 0}:${loc.column ?? 0}` : undefined,
        });
      }
    }
    return summarise(`EPUBCheck ${report.checker?.checkerVersion ?? ''} (Java)`.replace('  ', ' '), findings);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runPort(file: string): Promise<EpubcheckResult> {
  const { EpubCheck } = await import('@likecoin/epubcheck-ts');
  const result = await EpubCheck.validate(await readFile(file));
  const findings: Finding[] = result.messages
    .filter((m) => ['fatal', 'error', 'warning'].includes(String(m.severity).toLowerCase()))
    .map((m) => ({
      id: m.id,
      severity: String(m.severity).toLowerCase() as Finding['severity'],
      message: m.message,
      where: m.location ? `${m.location.path}:${m.location.line ?? 0}:${m.location.column ?? 0}` : undefined,
    }));
  const version = JSON.parse(await readFile(path.join(NODE_MODULES, '@likecoin/epubcheck-ts/package.json'), 'utf8')).version as string;
  return summarise(`epubcheck-ts ${version} (fallback: no Java EPUBCheck)`, findings);
}

function summarise(tool: string, findings: Finding[]): EpubcheckResult {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return { tool, fatals: count('fatal'), errors: count('error'), warnings: count('warning'), findings };
}

/** EPUBCheck on one file: Java when available (or forced with `java: true`), else the port. */
export async function epubcheck(file: string, options: { java?: boolean } = {}): Promise<EpubcheckResult> {
  const jar = options.java === false ? undefined : await javaEpubcheck();
  if (options.java && !jar)
    throw new Error(
      `Java EPUBCheck is not available (java on PATH and ${process.env.BAOBAN_EPUBCHECK_JAR || DEFAULT_JAR} needed): apt-get install epubcheck`,
    );
  return jar ? runJava(file, jar) : runPort(file);
}

interface AceReport {
  'earl:result'?: { 'earl:outcome'?: string };
  'earl:assertedBy'?: { 'doap:release'?: { 'doap:revision'?: string } };
  assertions?: Array<{
    'earl:testSubject'?: { url?: string };
    assertions?: Array<{
      'earl:test'?: { 'dct:title'?: string; 'earl:impact'?: string };
      'earl:result'?: { 'earl:outcome'?: string; 'dct:description'?: string; 'earl:pointer'?: { css?: string[]; cfi?: string[] } };
    }>;
  }>;
}

/** DAISY Ace on one file, in the project's Chromium. */
export async function ace(file: string): Promise<AceResult> {
  const bin = path.join(NODE_MODULES, '@daisy/ace-cli/bin/ace.js');
  try {
    await access(bin);
  } catch {
    throw new Error('DAISY Ace is not installed (npm ci installs @daisy/ace-cli)');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'baoban-ace-'));
  try {
    const env = { ...process.env, PUPPETEER_EXECUTABLE_PATH: await browserExecutable() };
    const { stderr, stdout } = await run(process.execPath, [bin, '--silent', '--force', '--outdir', dir, file], env);
    let report: AceReport;
    try {
      report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as AceReport;
    } catch {
      throw new Error(`Ace wrote no report: ${failureWords(stderr || stdout)}`);
    }
    const findings: Finding[] = [];
    const byImpact: Record<string, number> = {};
    for (const doc of report.assertions ?? []) {
      for (const a of doc.assertions ?? []) {
        if (a['earl:result']?.['earl:outcome'] !== 'fail') continue;
        const impact = a['earl:test']?.['earl:impact'] ?? 'unknown';
        byImpact[impact] = (byImpact[impact] ?? 0) + 1;
        findings.push({
          id: a['earl:test']?.['dct:title'] ?? 'ace',
          severity: impact === 'minor' ? 'warning' : 'error',
          message: (a['earl:result']?.['dct:description'] ?? '').split('\n')[0],
          where: doc['earl:testSubject']?.url,
          cfi: a['earl:result']?.['earl:pointer']?.cfi?.[0],
        });
      }
    }
    const revision = report['earl:assertedBy']?.['doap:release']?.['doap:revision'];
    return {
      tool: `Ace ${revision ?? ''}`.trim(),
      outcome: report['earl:result']?.['earl:outcome'] ?? 'unknown',
      violations: findings.length,
      byImpact,
      findings,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
