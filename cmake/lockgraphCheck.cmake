# The test lockgraph_check() adds (cmake -P). Gathers the runs of every
# instrumented test binary: the reports its ctest runs left in its report
# folder (only those newer than the binary: older ones are of an earlier
# build and are deleted), plus one run of the whole binary made here, so the
# verdict depends on neither ctest's order nor stale reports. Runs the
# static pass on the compile database, merges both with `lockgraph report`
# and fails on findings (exit 1) or when lockgraph cannot run (exit 2).
#
# Inputs (-D): LOCKGRAPH, BUILD_DIR, OUT_DIR, and '|'-separated PROGRAMS,
# REPORT_DIRS (one per program) and EXTRA_ARGS.
cmake_minimum_required(VERSION 3.20)
foreach(var LOCKGRAPH BUILD_DIR OUT_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "lockgraphCheck.cmake: ${var} is not set")
  endif()
endforeach()
string(REPLACE "|" ";" PROGRAMS "${PROGRAMS}")
string(REPLACE "|" ";" REPORT_DIRS "${REPORT_DIRS}")
string(REPLACE "|" ";" EXTRA_ARGS "${EXTRA_ARGS}")
if(NOT EXISTS "${BUILD_DIR}/compile_commands.json")
  message(FATAL_ERROR "lockgraph: no ${BUILD_DIR}/compile_commands.json; "
                      "call find_package(lockgraph) before defining targets")
endif()

file(REMOVE_RECURSE "${OUT_DIR}/runs" "${OUT_DIR}/facts")
file(MAKE_DIRECTORY "${OUT_DIR}/runs")
foreach(program dir IN ZIP_LISTS PROGRAMS REPORT_DIRS)
  get_filename_component(name "${program}" NAME)
  file(GLOB reports "${dir}/${name}-*.json")
  set(kept 0)
  foreach(report IN LISTS reports)
    file(TIMESTAMP "${report}" report_time "%s" UTC)
    file(TIMESTAMP "${program}" program_time "%s" UTC)
    if(report_time LESS program_time)
      file(REMOVE "${report}")
    else()
      file(COPY "${report}" DESTINATION "${OUT_DIR}/runs")
      math(EXPR kept "${kept} + 1")
    endif()
  endforeach()
  message(STATUS "lockgraph: ${kept} reports of ${name} from ctest runs")
  set(ENV{LOCKGRAPH_OPTIONS} "report=${OUT_DIR}/runs/${name}-%p.json")
  execute_process(COMMAND "${program}" RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  message(STATUS "lockgraph: ran ${name} under the runtime shim (exit status ${rc})")
endforeach()
unset(ENV{LOCKGRAPH_OPTIONS})

execute_process(
  COMMAND "${LOCKGRAPH}" -p "${BUILD_DIR}" --emit-facts "${OUT_DIR}/facts" --quiet
          -o "${OUT_DIR}/static.txt"
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 AND NOT rc EQUAL 1)
  message(FATAL_ERROR "lockgraph: the static pass failed (exit status ${rc})")
endif()

set(report "${LOCKGRAPH}" report --static "${OUT_DIR}/facts" --runtime "${OUT_DIR}/runs"
           ${EXTRA_ARGS})
foreach(format json sarif html)
  execute_process(COMMAND ${report} --quiet --format=${format}
                          -o "${OUT_DIR}/report.${format}")
endforeach()
# --quiet: the text report ends with its own summary line, and stderr would
# interleave with it in ctest's log.
execute_process(COMMAND ${report} --quiet RESULT_VARIABLE rc)
if(rc EQUAL 1)
  message(FATAL_ERROR "lockgraph: findings not in the baseline (also in "
                      "${OUT_DIR}/report.html)")
elseif(NOT rc EQUAL 0)
  message(FATAL_ERROR "lockgraph: `lockgraph report` failed (exit status ${rc})")
endif()
