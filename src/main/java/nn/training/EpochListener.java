package nn.training;

/** Called by {@code fit} after every epoch, e.g. to redraw a plot while training runs. */
@FunctionalInterface
public interface EpochListener {
  /** {@code soFar} holds every epoch up to now; the newest is {@code soFar.last()}. */
  void onEpoch(History soFar);
}
