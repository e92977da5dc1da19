// A plugin-level <argLine> without @{argLine} replaces the agent: the build fails with the fix.
def log = new File(basedir, 'build.log').text
def expected = 'maven-surefire-plugin (execution default-test) has <argLine>-Xmx256m</argLine>, which replaces the ' +
        'argLine property prepare-agent sets, so its tests would run without the recorder agent. Fix: start it ' +
        'with @{argLine}: <argLine>@{argLine} -Xmx256m</argLine>'
if (!log.contains(expected)) throw new AssertionError('message not found: ' + expected)
true
