# PUSHPULL_SANITIZE=address -> ASan + UBSan on everything; thread -> TSan (use with the threads backend:
# Debian's TBB is not instrumented and TSan reports false races inside it).
if(PUSHPULL_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(PUSHPULL_SANITIZE STREQUAL "thread")
  if(NOT PUSHPULL_PARALLEL_BACKEND STREQUAL "threads")
    message(FATAL_ERROR "PUSHPULL_SANITIZE=thread needs PUSHPULL_PARALLEL_BACKEND=threads")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT PUSHPULL_SANITIZE STREQUAL "")
  message(FATAL_ERROR "PUSHPULL_SANITIZE must be empty, address or thread")
endif()
