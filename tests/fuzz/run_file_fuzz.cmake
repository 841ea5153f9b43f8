# libFuzzer target for the run-file reader (tests/fuzz/run_file_fuzz.cpp); included from the
# top-level CMakeLists.txt when LOCALISM_FUZZ is ON (clang only). Only the reader's sources
# are compiled in, instrumented, so the target builds in seconds without the whole engine.
add_executable(fuzz_run_file tests/fuzz/run_file_fuzz.cpp sim/src/output/run_file.cpp
                             sim/src/output/run_file_series.cpp
                             sim/src/output/series_storage.cpp
                             sim/src/output/hdf5_interface.cpp)
target_include_directories(fuzz_run_file PRIVATE sim/include ${CMAKE_BINARY_DIR}/generated
                           ${RANDOM123_INCLUDE_DIR} ${HDF5_INCLUDE_DIRS})
target_link_libraries(fuzz_run_file PRIVATE ${HDF5_LIBRARIES} ${HDF5_HL_LIBRARIES} TBB::tbb)
target_compile_definitions(fuzz_run_file PRIVATE ${HDF5_DEFINITIONS})
target_compile_options(fuzz_run_file PRIVATE -fsanitize=fuzzer,address,undefined
                       -fno-sanitize-recover=all -fno-omit-frame-pointer)
target_link_options(fuzz_run_file PRIVATE -fsanitize=fuzzer,address,undefined)
