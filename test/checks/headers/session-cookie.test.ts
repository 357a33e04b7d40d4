import { sessionCookie } from '../../../checks/headers/session-cookie';
import { observatoryGrade } from '../../../checks/headers/observatory';
import { testContext } from '../../helpers/context';
import { httpsCapture, transportSite } from '../../helpers/transport';

const run = (cookie: string) => {
  const r = sessionCookie.run(transportSite({ capture: httpsCapture({ 'set-cookie': cookie }) }), testContext());
  return Array.isArray(r) ? r.map((s) => [s.severity ?? sessionCookie.meta.severity, s.message]) : r;
};

describe('headers.session-cookie', () => {
  it.each([
    ['JSESSIONID=A1; Path=/; HttpOnly', '会话 Cookie JSESSIONID 未设置 Secure'],
    ['PHPSESSID=b2; path=/', '会话 Cookie PHPSESSID 未设置 Secure、HttpOnly'],
    ['ASP.NET_SessionId=c3; path=/; secure', '会话 Cookie ASP.NET_SessionId 未设置 HttpOnly'],
    ['sessionid=d4; Secure', '会话 Cookie sessionid 未设置 HttpOnly'],
    ['userLoginToken=e5', '会话 Cookie userLoginToken 未设置 Secure、HttpOnly'],
  ])('reports %s as medium', (cookie, message) => expect(run(cookie)).toEqual([['medium', message]]));
  it.each([
    ['JSESSIONID=A1; Path=/; Secure; HttpOnly; SameSite=Lax'],
    ['_ga=GA1.2.3; path=/'], // not a session cookie: graded, not reported here
    ['lang=zh-CN'],
  ])('leaves %s alone', (cookie) => expect(run(cookie)).toEqual([]));
  it('skips a site that was not probed', () => {
    expect(sessionCookie.run(transportSite({}, { transport: undefined }), testContext())).toEqual({ skipped: 'the site was not probed' });
  });
  it('the grade takes the Observatory deduction for the same cookie', () => {
    const grade = (cookie: string) => observatoryGrade(httpsCapture({ 'set-cookie': cookie, 'strict-transport-security': 'max-age=63072000' }))!.tests.find((t) => t.test === 'cookies')!;
    // HSTS excuses a missing Secure (−10) but not a missing HttpOnly (−30): the worse one counts.
    expect(grade('JSESSIONID=A1; Path=/')).toMatchObject({ result: 'cookies-session-without-httponly-flag', modifier: -30 });
    expect(grade('JSESSIONID=A1; Path=/; HttpOnly')).toMatchObject({ result: 'cookies-session-without-secure-flag-but-protected-by-hsts', modifier: -10 });
    expect(grade('JSESSIONID=A1; Secure; HttpOnly; SameSite=None')).toMatchObject({ result: 'cookies-secure-with-httponly-sessions-and-samesite' });
    expect(grade('a=1; SameSite=None')).toMatchObject({ result: 'cookies-samesite-flag-invalid' });
  });
});
