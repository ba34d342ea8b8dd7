// A publication date as the desk writes it: the ISO date (2024-01-19: manuscript/README.md's
// 出版日期) or the date as a Chinese 报眉 prints it (2024年1月19日, an edition plan's `date:`), the latter
// optionally with its weekday (2024年1月19日 星期五), which must be that day's, and a lunar date
// (农历腊月初九). Anything else, or a day the calendar does not have (2024-13-45, 2024-02-30), is said
// in words with the forms to write. Read by the copy desk's matter-date.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 2024年1月19日, optionally with its weekday and the lunar date a 报眉 may add (星期五　农历腊月初九). */
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日(?:[ \u3000]?(星期|周)([一二三四五六日天]))?(?:[ \u3000]+农历\S+)?$/u;
const WEEKDAYS = '日一二三四五六';
export const DATE_FORMS = 'write it 2024-01-19 or 2024年1月19日';

/** Why a year, month and day are no date of the calendar, or undefined when they are one. */
function notADay(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${year}年${month}月 has ${days} days`;
  return undefined;
}

/** What is wrong with a date as written, or undefined when it is one of the forms and a real day. */
export function dateProblem(value: string): string | undefined {
  // spaces round it print as nothing; a line break in it is no date (the 报眉 is one line)
  const text = value.replace(/^[ \t\u3000]+|[ \t\u3000]+$/g, '');
  if (/[\r\n\u2028\u2029\v\f\x85]/u.test(text))
    return `"${text.replace(/\r?\n|[\r\u2028\u2029\v\f\x85]/gu, '⏎')}" holds a line break: write the date on one line (${DATE_FORMS.replace('write it ', '')})`;
  // full-width digits and marks (２０２４年１月１９日, pasted from a word processor): said as such
  const narrow = text.normalize('NFKC');
  if (narrow !== text && /[０-９－／．]/.test(text) && !dateProblem(narrow))
    return `"${text}" is written in full-width digits: write ${narrow}`;
  const iso = ISO.exec(text);
  if (iso) {
    const why = notADay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return why ? `"${text}" is no date: ${why}; ${DATE_FORMS}` : undefined;
  }
  const zh = CHINESE.exec(text);
  if (zh) {
    const [year, month, day] = [Number(zh[1]), Number(zh[2]), Number(zh[3])];
    const why = notADay(year, month, day);
    if (why) return `"${text}" is no date: ${why}; ${DATE_FORMS}`;
    if (zh[5]) {
      const actual = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
      const said = zh[5] === '天' ? '日' : zh[5];
      if (said !== actual) return `"${text}": ${year}年${month}月${day}日 is ${zh[4]}${actual}, not ${zh[4]}${zh[5]}`;
    }
    return undefined;
  }
  // A known form with a slip: 2024-1-19 (the ISO form has two-digit months and days), 19/01/2024.
  const loose = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (loose) {
    const [year, month, day] = [Number(loose[1]), Number(loose[2]), Number(loose[3])];
    const why = notADay(year, month, day);
    if (why) return `"${text}" is no date: ${why}; ${DATE_FORMS}`;
    return `"${text}" is not in a form the desk writes: ${DATE_FORMS} (${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')})`;
  }
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(text))
    return `"${text}" is not in a form the desk writes: day and month in this order read differently in different countries; ${DATE_FORMS}`;
  return `"${text}" is not a date in a form the desk writes: ${DATE_FORMS}`;
}
