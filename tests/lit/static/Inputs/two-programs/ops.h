/* One callback table type that both programs fill with their own function. */
struct ops {
  void (*enter)(void);
};
extern struct ops g_ops;
