/**
 * wording.institution-name — the name of a central organ, a State Council department or the
 * suffix of a local government's name typed wrong (国家发展和改革委员会 as 国家发展和改革委圆会, 人民
 * 政府办公厅 as 人民政府办工厅), and a department's former name on a page dated after it changed
 * (国土资源部 on a page of 2020). Names, aliases and change dates: wordlists/institutions.json.
 */
import type { PageCheck, Span } from '../types';
import { lexiconFor, registerSoundSet, registerTermSet } from './lexicon';
import { pageDay } from './leaders';
import { sentenceYears } from '../text/sentence-years';
import { readsAsOtherWords, soundVariant, spelledVariants, type Variant } from './variants';
import data from '../../wordlists/institutions.json';

interface Institution {
  name: string;
  level: 'central' | 'local';
  aliases?: string[];
  since?: string;
  until?: string;
  successor?: string;
  alsoADepartment?: boolean;
}

const INSTITUTIONS = data.institutions as Institution[];

type Owner = { institution: Institution; form?: string; variant?: Variant };

/** Forms of 3 or more characters are misspelt too (国务完 for 国务院); 中办 and 国办 are too short. */
const FORMS: { institution: Institution; form: string }[] = INSTITUTIONS.flatMap((institution) =>
  [institution.name, ...(institution.aliases ?? []).filter((a) => a.length >= 3)].map((form) => ({ institution, form })),
);

/** Correct names and aliases first, then every swapped, dropped or doubled form that is no correct name itself. */
function buildTerms(): { terms: string[]; owners: Owner[] } {
  const terms: string[] = [];
  const owners: Owner[] = [];
  const seen = new Set<string>();
  for (const institution of INSTITUTIONS) {
    for (const n of [institution.name, ...(institution.aliases ?? [])]) {
      if (seen.has(n)) continue;
      seen.add(n);
      terms.push(n);
      owners.push({ institution });
    }
  }
  for (const { institution, form } of FORMS) {
    // Short forms drop a character by design (市场监管局 is every city's), so only full names get drop and double variants.
    const variants = spelledVariants(form, { dropAndDouble: form === institution.name && institution.level === 'central' && form.length >= 6, keepDrops: /和/u });
    for (const variant of variants) {
      if (seen.has(variant.text)) continue;
      seen.add(variant.text);
      terms.push(variant.text);
      owners.push({ institution, form, variant });
    }
  }
  return { terms, owners };
}

const { terms, owners: OWNERS } = buildTerms();
registerTermSet({ id: 'institutions', terms });
registerSoundSet({ id: 'institution-sounds', terms: FORMS.map((f) => f.form) });

/** History is not an error: 原国土资源部, 时任卫生部部长, 由国家林业局更名. */
const HISTORICAL = /(?:原|前|时任|曾任|历任|由|原来的|当时的)$/u;
/** 农业部门, 文化部门, 建设部际联席会议: a former name that is the start of a common word. */
const LONGER_WORD = /^[门署委局属际]/u;
/**
 * A short former name is the ministry after a verb, a preposition or a list mark (报送农业部, 与卫生部,
 * 经人事部, 、文化部) or after 国家; any other character before it makes it the end of another
 * name (企业文化部, 学生会卫生部, 项目建设部, 住房城乡建设部 — the current ministry's short form).
 */
const STANDS_AFTER = /(?:[^\p{Script=Han}]|[向与和及同由经据在对将请送给按照至从被令为赴到报呈交合属于是自即发]|国家|共和国|^)$/u;
/**
 * 人事部, 文化部, 卫生部 … are also the names of departments inside companies, schools and
 * associations, where a recruitment notice says 请将简历发送至人事部: such a name is the ministry
 * only as 国家人事部 or beside another central organ's name (教育部、文化部).
 */
const NATIONAL_BEFORE = /(?:国家|共和国|国务院)$/u;
const LIST_MARK = /^[、，,和与及]$/u;

/** Names this short (文化部, 建设部) end longer ones; a longer one preceded by a place is still itself (自治区国家税务局). */
const SHORT_NAME = 3;
/** “卫生部”修改为“国家卫生健康委员会”: the old name quoted where a text renames it. */
const RENAMED_AFTER = /^[”’」]?\s*(?:修改为|改为|更名为|调整为|变更为)/u;

/**
 * The sentence around a former name speaks of a year before the change: a citation of the body's
 * own document (国家计委计价格〔2002〕1980号, 2002 against 2003) or an account of what it did then
 * (2015年国土资源部印发…) is history, correctly named.
 */
function datedBefore(text: string, start: number, end: number, until: string): boolean {
  const changed = Number(until.slice(0, 4));
  return sentenceYears(text, start, end).some((y) => y < changed);
}

function nationalContext(text: string, start: number, end: number, correct: readonly [number, number, number][]): boolean {
  if (NATIONAL_BEFORE.test(text.slice(Math.max(0, start - 3), start))) return true;
  return correct.some(([cs, ce, i]) => OWNERS[i]!.institution.level === 'central' && (
    (ce === start - 1 && LIST_MARK.test(text[ce]!)) || (cs === end + 1 && LIST_MARK.test(text[end]!))));
}

export const institutionName: PageCheck = {
  kind: 'page',
  meta: {
    id: 'wording.institution-name',
    family: 'wording',
    title: '机构名称错误 (institution name misspelt or outdated)',
    severity: 'critical',
    duty: 'content',
    basis: '国办秘函〔2019〕19号 单项否决 1 (严重表述错误); 国办发〔2015〕15号 附件2 (国名、国家机构名称)',
    description:
      'Names of central Party and state organs and State Council departments (wordlists/institutions.json) written with ' +
      'a same-sound character, two characters swapped, or one dropped or doubled inside the name: critical; the same for the ' +
      'suffixes of local names (人民政府办公厅, 人民检察院 …): high. A department\'s former name on a page whose claimed ' +
      'publication date is after the change (国土资源部 in 2020): medium, unless marked 原/时任, followed by 门 (农业部门), or ' +
      'the end of another name (企业文化部); names that are also departments\' inside companies and schools (人事部, 文化部) only after 国家 or beside another ministry.',
    fix: '按机构的规范名称改正；更名后的机构使用新名称，或注明“原”。 Use the exact current name, or mark the former one 原.',
    version: 2,
    sensitive: false,
  },
  run(page, ctx): Span[] {
    const text = page.text.text;
    const scan = lexiconFor(ctx.wordlists).scan(text);
    const sounded: [number, number, number][] = (scan.bySet.get('institution-sounds') ?? []).map(([s, e, i]) => [s, e, -1 - i]);
    const hits = [...(scan.bySet.get('institutions') ?? []), ...sounded];
    if (!hits.length) return [];
    // A sound hit's index is -1 - its form's; a term hit's is its owner's.
    const ownerOf = (start: number, end: number, i: number): Owner => {
      if (i >= 0) return OWNERS[i]!;
      const { institution, form } = FORMS[-1 - i]!;
      return { institution, form, variant: soundVariant(text, start, end, form) };
    };
    const correct = hits.filter(([, , i]) => i >= 0 && !OWNERS[i]!.variant);
    // A right name overlapping the hit means the text reads as that name; one wholly inside it (国务院 in 国务院办工厅) is part of the longer name typed wrong.
    const overlapsCorrect = (s: number, e: number) => correct.some(([cs, ce]) => cs < e && s < ce && !(s <= cs && ce <= e && ce - cs < e - s));
    const f = ctx.frequencies?.();
    const out: Span[] = [];
    const day = pageDay(page);
    for (const [start, end, i] of hits) {
      const { institution, form, variant } = ownerOf(start, end, i);
      if (!variant) {
        const until = institution.until;
        if (!until || !day || day < until) continue;
        if (HISTORICAL.test(text.slice(Math.max(0, start - 4), start)) || LONGER_WORD.test(text.slice(end, end + 1))) continue;
        if (datedBefore(text, start, end, until)) continue;
        if (end - start <= SHORT_NAME && !STANDS_AFTER.test(text.slice(Math.max(0, start - 3), start))) continue;
        if (institution.alsoADepartment && !nationalContext(text, start, end, correct)) continue;
        if (RENAMED_AFTER.test(text.slice(end, end + 8))) continue;
        // Inside a longer correct name (城乡建设部 in 住房和城乡建设部) it is not this name at all.
        if (correct.some(([cs, ce]) => cs <= start && end <= ce && ce - cs > end - start)) continue;
        out.push({
          start,
          end,
          severity: 'medium',
          message: `机构名称已变更：“${institution.name}”自${until}起${institution.successor ? `为“${institution.successor}”` : '已撤销'}`,
          ...(institution.successor ? { suggestion: institution.successor } : {}),
          discriminator: `former|${institution.name}`,
        });
        continue;
      }
      if (overlapsCorrect(start, end)) continue;
      if (HISTORICAL.test(text.slice(Math.max(0, start - 4), start))) continue;
      const right = form ?? institution.name;
      if (readsAsOtherWords(text, start, end, variant, right.length, f)) continue;
      out.push({
        start,
        end,
        severity: institution.level === 'central' ? 'critical' : 'high',
        message: `机构名称错误：“${text.slice(start, end)}”应为“${right}”`,
        suggestion: right,
        discriminator: `institution|${text.slice(start, end)}`,
      });
    }
    // A local suffix's misspelling inside a central name's (发展和改革委圆会 in 国家发展和改革委圆会) is one error.
    return out.filter((o) => !out.some((p) => p !== o && p.start! <= o.start! && o.end! <= p.end! && p.end! - p.start! > o.end! - o.start!));
  },
};
