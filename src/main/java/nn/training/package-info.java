/**
 * How a network learns: {@link nn.training.Sgd} (hyperparameters), {@link nn.training.Trainer} (the epoch
 * loop), the mini-batch step, {@link nn.training.History} and {@link nn.training.EpochListener}. Optimisers
 * and regularisers go into the step; it sees a network only as an {@link nn.model.Model}.
 */
package nn.training;
