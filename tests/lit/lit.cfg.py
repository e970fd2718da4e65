# lit configuration for lockgraph's end-to-end tests (source in, diagnostics out).
#
# Substitutions:
#   %lockgraph      the static analyzer, build/bin/lockgraph
#   %tidy_plugin    the clang-tidy plugin, build/lib/liblockgraph-tidy.so
#   %clang_tidy     clang-tidy-19
#   %clangxx        clang++-19 (to build programs for the runtime tests)
#   %lockgraph_rt   the runtime shim, build/lib/liblockgraph_rt.so
#   %lockgraph_rt_static  its static variant, build/lib/liblockgraph_rt_static.a
#   %lockgraph_include    the shim's public headers (lockgraph/annotations.h)
#   %samples        the bundled samples/ folder
#   %cmake          the cmake that configured this build
#   %expect_exit N  runs the rest of the line, succeeds if it exits with N
import os
import sys
import lit.formats

config.name = "lockgraph"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "expect-exit.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.lockgraph_obj_root, "tests", "lit")

# Tools under test first, then LLVM's (FileCheck, not, count).
config.environment["PATH"] = os.pathsep.join(
    [config.lockgraph_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])
# Local clang config files must not change results.
config.environment["CLANG_NO_DEFAULT_CONFIG"] = "1"
for var in ("LOCKGRAPH_OPTIONS", "LOCKGRAPH_REPORT", "LD_PRELOAD"):
    config.environment.pop(var, None)

config.substitutions.append(("%lockgraph_include", os.path.join(config.lockgraph_src_root, "runtime", "include")))
config.substitutions.append(("%lockgraph_rt_static", os.path.join(config.lockgraph_lib_dir, "liblockgraph_rt_static.a")))
config.substitutions.append(("%lockgraph_rt", os.path.join(config.lockgraph_lib_dir, "liblockgraph_rt.so")))
config.substitutions.append(("%lockgraph", os.path.join(config.lockgraph_bin_dir, "lockgraph")))
config.substitutions.append(("%tidy_plugin", os.path.join(config.lockgraph_lib_dir, "liblockgraph-tidy.so")))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%expect_exit", "%s %s" % (sys.executable, os.path.join(config.test_source_root, "expect-exit.py"))))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%samples", os.path.join(config.lockgraph_src_root, "samples")))

if config.have_tool:
    config.available_features.add("static-tool")
