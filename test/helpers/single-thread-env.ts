// Jest runs two test files at once on the 2-core machine: a run that started check threads of its
// own would only fight them for the cores. Tests of the threads set XUNJIAN_CHECK_THREADS themselves
// (test/pipelines/check-threads.test.ts).
process.env['XUNJIAN_CHECK_THREADS'] ??= '0';
