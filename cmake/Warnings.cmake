# A warnings target every project library and executable links.
add_library(pushpull_warnings INTERFACE)
target_compile_options(pushpull_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wdouble-promotion
  -Wimplicit-fallthrough
  # g++ 12 false positives inside libstdc++ (char_traits memcpy); see GCC bug 105329
  -Wno-restrict)
if(PUSHPULL_WERROR)
  target_compile_options(pushpull_warnings INTERFACE -Werror)
endif()
