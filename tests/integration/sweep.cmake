# End-to-end tests of experiments (plan, sweep, collect, resume, MPI, Slurm); included from
# integration.cmake.
add_test(NAME sweep
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_sweep.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(sweep PROPERTIES LABELS "integration" TIMEOUT 900)

# Damaged run files are rerun, and a full disk (a small tmpfs; skipped without root) stops a
# sweep cleanly.
add_test(NAME sweep_disk
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_sweep_disk.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(sweep_disk PROPERTIES LABELS "integration" TIMEOUT 300)

# Byte-flipped run files through summary, collect and sweep resume (scripts/test.sh runs it on
# the ASan+UBSan build): no crash, no damaged file accepted as a complete run.
add_test(NAME byteflip
         COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tests/integration/byteflip.py
                 $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(byteflip PROPERTIES LABELS "slow" TIMEOUT 600)

# Growing a sweep (more replicates, a new arm extending a scenario file) runs only the new runs;
# other changes are refused.
add_test(NAME sweep_grow
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_sweep_grow.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(sweep_grow PROPERTIES LABELS "integration" TIMEOUT 300)
# Sweeps at scale: summary output level and shard containers (same manifest as the file layout,
# SIGKILL + resume exact, a damaged entry rerun).
add_test(NAME container_sweep
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_container_sweep.sh
                 $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(container_sweep PROPERTIES LABELS "integration" TIMEOUT 600)

# Branching experiments (`history:`): one history per replicate, arms continue its saved state and
# equal the same arms run from month 0; bad arms are refused.
add_test(NAME sweep_branch
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/integration/test_sweep_branch.sh $<TARGET_FILE:localism>
         WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
set_tests_properties(sweep_branch PROPERTIES LABELS "integration" TIMEOUT 300)
