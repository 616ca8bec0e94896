# nbgrader for the workbook's Java notebooks (deploy/jupyterhub/README.md, "Assignments").
# The course folder holds this file, source/<assignment>/*.ipynb (the teacher's, with solutions), and the
# folders nbgrader makes: release/, submitted/, autograded/, feedback/, gradebook.db.
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "nn-workbook"
# Solution regions in Java: `// BEGIN SOLUTION` ... `// END SOLUTION` (nbgrader matches the words, so the
# comment mark is Java's). The stub compiles in any method body, whatever it returns, and fails when run.
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {
    "java": '// YOUR CODE HERE\nthrow new UnsupportedOperationException("not written yet");',
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
# Graded cells must throw when wrong. JShell runs with assertions off, so a Java `assert` always passes:
# use nn.checks.Check (it prints a hint and returns false), then `if (!ok) throw new AssertionError(...)`.

# Grading runs each notebook in the Java kernel: the JVM needs a few seconds to start on a busy server.
c.Execute.timeout = 300
c.Execute.startup_timeout = 180
c.Execute.interrupt_on_timeout = True
