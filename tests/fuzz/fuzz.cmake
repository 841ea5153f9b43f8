# libFuzzer targets for the parsers of untrusted input (-DLOCALISM_FUZZ=ON, clang only:
# CC=clang-14 CXX=clang++-14). Run one with scripts/fuzz.sh TARGET SECONDS; seeds are in
# tests/fuzz/corpus/<target>/ and past crashes in tests/fuzz/regressions/<target>/.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "LOCALISM_FUZZ needs clang: CC=clang-14 CXX=clang++-14 cmake ...")
endif()
set(LOCALISM_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
# Only the input side is built: scenario reading and validation, and experiment loading.
file(GLOB LOCALISM_INPUT_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/sim/src/scenario/*.cpp)
list(APPEND LOCALISM_INPUT_SOURCES
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/experiment_loader.cpp
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/experiment_arms_reader.cpp
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/experiment_design_reader.cpp
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/experiment_points_reader.cpp
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/design.cpp
     ${CMAKE_SOURCE_DIR}/sim/src/experiment/sampling.cpp)
add_library(localism_input_fuzz STATIC ${LOCALISM_INPUT_SOURCES})
target_include_directories(localism_input_fuzz PUBLIC ${CMAKE_SOURCE_DIR}/sim/include
                           ${CMAKE_BINARY_DIR}/generated ${RANDOM123_INCLUDE_DIR})
target_link_libraries(localism_input_fuzz PUBLIC yaml-cpp Boost::boost TBB::tbb)
target_compile_options(localism_input_fuzz PRIVATE ${LOCALISM_FUZZ_FLAGS})
foreach(target scenario_loader experiment_loader geography_tables)
  add_executable(fuzz_${target} ${CMAKE_SOURCE_DIR}/tests/fuzz/${target}_fuzz.cpp)
  target_link_libraries(fuzz_${target} PRIVATE localism_input_fuzz)
  target_compile_options(fuzz_${target} PRIVATE ${LOCALISM_FUZZ_FLAGS})
  target_link_options(fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
endforeach()
