/**
 * What a counterfeit page wants from its visitor (reference counterfeit-tamper.md §3.1, §4 M1/M2):
 * form fields for ID numbers, bank cards, balances, SMS codes, passwords, card CVV or the phone
 * number on file, and the lures of subsidy and certificate scams. Read from the raw HTML: field
 * names, placeholders, labels and the text inside forms.
 */

const FIELDS: [label: string, pattern: RegExp][] = [
  ['身份证号', /身份证|证件号|idcard|id_?no|sfzh/i],
  ['银行卡号', /银行卡|卡号|bank_?card|card_?no|yhk/i],
  ['卡内余额', /余额|balance/i],
  ['短信验证码', /短信验证码|动态码|验证码|sms_?code|smscode|yzm/i],
  ['密码', /密码|password|passwd|pwd|取款密码|交易密码/i],
  ['CVV/有效期', /cvv|cvn|安全码|有效期/i],
  ['预留手机号', /预留手机|银行预留/i],
];

const LURES = /补贴|津贴|申领|领取|退费|退税|认证|社保卡(?:异常|升级)|冻结|解冻|逾期(?:视为|将)?放弃|ETC|证书查询|成绩查询|资格审核|个税退|补助金/;

const FORM = /<form\b[\s\S]*?(?:<\/form>|$)/gi;
const INPUT = /<(?:input|select|textarea)\b[^>]*>/gi;

export interface Intent {
  /** The sensitive things the page's forms ask for. */
  asks: string[];
  lures: string[];
}

export function intentOf(html: string): Intent {
  const forms = [...html.matchAll(FORM)].map((m) => m[0]);
  // Inputs outside any <form> (script-submitted pages) count too.
  const scope = forms.length ? forms.join('\n') : [...html.matchAll(INPUT)].map((m) => m[0]).join('\n');
  const fieldText = `${scope.replace(/<(?!input|select|textarea|label)[^>]+>/gi, ' ')}`;
  const asks = FIELDS.filter(([, re]) => re.test(fieldText)).map(([label]) => label);
  // 验证码 alone is the image captcha of every search box: only with a phone or card field is it the SMS code of a scam.
  const sensitive = asks.filter((a) => a !== '短信验证码' || asks.some((b) => b !== '短信验证码'));
  const text = html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/gi, ' ');
  const lures = [...new Set([...text.matchAll(new RegExp(LURES.source, 'g'))].map((m) => m[0]))];
  return { asks: sensitive, lures };
}
