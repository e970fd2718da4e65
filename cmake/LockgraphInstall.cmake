# `cmake --install`: the tool, the plugin, the runtime with its annotation
# header (include/lockgraph/annotations.h), the run wrapper and the CMake
# package (lib/cmake/lockgraph) that gives lockgraph_instrument() and
# lockgraph_check() to other projects.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(LOCKGRAPH_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/lockgraph)

set_target_properties(lockgraph_rt PROPERTIES EXPORT_NAME runtime)
set_target_properties(lockgraph_rt_static PROPERTIES EXPORT_NAME runtime_static)
set_target_properties(lockgraph_annotations PROPERTIES EXPORT_NAME annotations)
install(TARGETS lockgraph_rt lockgraph_rt_static lockgraph_annotations EXPORT lockgraphTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY runtime/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(PROGRAMS runtime/lockgraph-run.sh DESTINATION ${CMAKE_INSTALL_BINDIR}
  RENAME lockgraph-run)
if(LOCKGRAPH_BUILD_TOOL)
  set_target_properties(lockgraph-tidy PROPERTIES EXPORT_NAME tidy_plugin)
  # libLLVM and libclang-cpp live in LLVM's own lib folder, not on the
  # loader's path: keep the link-time rpath in the installed binaries.
  set_target_properties(lockgraph lockgraph-tidy PROPERTIES INSTALL_RPATH_USE_LINK_PATH ON)
  install(TARGETS lockgraph lockgraph-tidy EXPORT lockgraphTargets
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()

install(EXPORT lockgraphTargets NAMESPACE lockgraph:: DESTINATION ${LOCKGRAPH_PACKAGE_DIR})
configure_package_config_file(cmake/lockgraphConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/lockgraphConfig.cmake
  INSTALL_DESTINATION ${LOCKGRAPH_PACKAGE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/cmake/lockgraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/cmake/lockgraphConfig.cmake
  ${CMAKE_BINARY_DIR}/cmake/lockgraphConfigVersion.cmake
  cmake/lockgraphCheck.cmake
  DESTINATION ${LOCKGRAPH_PACKAGE_DIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
