#ifndef FATAL_H
#define FATAL_H
/* Not declared noreturn: only fatal.c's own facts say it never returns. */
void die(const char *why);

/* A fatal-log object as glog's LOG(FATAL) makes one: the message is
   written and the program aborted by its destructor. */
#ifdef __cplusplus
struct FatalMessage {
  FatalMessage(const char *file, int line);
  ~FatalMessage();
  FatalMessage &operator<<(const char *s);
};
#define LOG_FATAL FatalMessage(__FILE__, __LINE__)
#endif
#endif
