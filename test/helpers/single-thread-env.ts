// Jest runs two test files at once on the 2-core machine: a run that started check threads of its
// own would only fight them for the cores. Tests of the threads set XUNJIAN_CHECK_THREADS themselves
// (test/pipelines/check-threads.test.ts).
process.env['XUNJIAN_CHECK_THREADS'] ??= '0';

// Rendering key pages starts Chromium, a second or two a scan: the tests of rendering name the
// browser themselves (test/pipelines/render.test.ts); every other scan reads the served HTML only.
process.env['XUNJIAN_BROWSER'] ??= 'none';
