// forkCount=0 runs tests in the Maven JVM, where no -javaagent can be added: the build fails at initialize.
def log = new File(basedir, 'build.log').text
def expected = 'maven-surefire-plugin (execution default-test) has forkCount=0: tests run inside the Maven JVM, ' +
        'where no -javaagent can be added, so no kernel would be recorded. Fix: remove forkCount=0 (the default ' +
        'forkCount=1 forks one test JVM) or set it to 1 or more'
if (!log.contains('honest-compute:prepare-agent: 1 problem with the recorder agent setup')) throw new AssertionError('no prepare-agent failure')
if (!log.contains(expected)) throw new AssertionError('message not found: ' + expected)
if (log.contains('T E S T S')) throw new AssertionError('tests ran although the build should stop at initialize')
true
