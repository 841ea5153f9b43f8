# End-to-end tests of the localism command line, run by ctest (label "integration").
# Included from the top-level CMakeLists.txt.
add_test(NAME cli
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_cli.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME bad_scenarios
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_bad_scenarios.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME limits
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_limits.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME threads
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_threads.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
# Saved states (issue 16): continued == uninterrupted for every shipped scenario (about 1.5 min
# on two cores), refusals, and SIGKILL + --resume.
add_test(NAME saved_states
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_state.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME resume
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_resume.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
add_test(NAME slurm_scripts COMMAND bash ${CMAKE_SOURCE_DIR}/scripts/slurm/selftest.sh
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(cli bad_scenarios limits threads saved_states resume slurm_scripts
                     PROPERTIES LABELS "integration")

include(${CMAKE_CURRENT_LIST_DIR}/sweep.cmake)

# Golden regression cases (tests/regression/<case>/): every dataset compared exactly.
add_test(NAME regression
         COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tests/regression/regress.py
                 --localism $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(regression PROPERTIES LABELS "regression")
