"""Trainer: the training loop you would write by hand, written once.

fit() runs, for each epoch: model.train(); for each batch: training_step, zero_grad,
backward, optimizer step; then the epoch's scheduler step and a validation pass under
torch.no_grad(). Step into fit() to see exactly that loop.
"""
import os
import sys

import torch


def _batch_size(batch):
    # Lightning weighs epoch averages by the size of the first tensor found in the batch.
    if isinstance(batch, torch.Tensor):
        return batch.size(0) if batch.dim() > 0 else 1
    if isinstance(batch, (list, tuple)):
        for item in batch:
            size = _batch_size(item)
            if size is not None:
                return size
    if isinstance(batch, dict):
        for item in batch.values():
            size = _batch_size(item)
            if size is not None:
                return size
    return None


class Trainer:
    """Runs fit, validate and test loops for a LightningModule."""

    def __init__(self, max_epochs=None, min_epochs=None, max_steps=-1, limit_train_batches=None,
                 limit_val_batches=None, limit_test_batches=None, enable_progress_bar=True,
                 enable_model_summary=True, enable_checkpointing=True, logger=True,
                 accelerator="auto", devices="auto", log_every_n_steps=50, gradient_clip_val=None,
                 deterministic=False, **kwargs):
        self.max_epochs = 1000 if max_epochs is None and max_steps == -1 else max_epochs
        self.max_steps = max_steps
        self.limit_train_batches = limit_train_batches
        self.limit_val_batches = limit_val_batches
        self.limit_test_batches = limit_test_batches
        self.enable_progress_bar = enable_progress_bar
        self.gradient_clip_val = gradient_clip_val
        self.current_epoch = 0
        self.global_step = 0
        self.optimizers = []
        self.lr_schedulers = []
        self.callback_metrics = {}
        self.logged_metrics = {}
        self._epoch_sums = {}
        self._epoch_weights = {}
        self._batch_size = None
        self._stage = "train"
        print("GPU available: False, used: False", file=sys.stderr)
        print("TPU available: False, using: 0 TPU cores", file=sys.stderr)

    # -- metrics ----------------------------------------------------------------------

    def _record(self, name, value, batch_size, on_step, on_epoch):
        # Lightning's defaults: per step while training, averaged per epoch when evaluating.
        if on_step is None:
            on_step = self._stage == "train"
        if on_epoch is None:
            on_epoch = self._stage != "train"
        if on_step:
            self.callback_metrics[name] = torch.tensor(value)
            self.logged_metrics[name] = torch.tensor(value)
        if on_epoch:
            weight = batch_size if batch_size is not None else (self._batch_size or 1)
            self._epoch_sums[name] = self._epoch_sums.get(name, 0.0) + value * weight
            self._epoch_weights[name] = self._epoch_weights.get(name, 0) + weight

    def _close_epoch_metrics(self):
        closed = {}
        for name, total in self._epoch_sums.items():
            closed[name] = torch.tensor(total / self._epoch_weights[name])
            self.callback_metrics[name] = closed[name]
        self._epoch_sums = {}
        self._epoch_weights = {}
        return closed

    # -- loops ------------------------------------------------------------------------

    @staticmethod
    def _batch_limit(limit, loader):
        total = len(loader)
        if limit is None:
            return total
        if isinstance(limit, float):
            return int(total * limit)
        return min(limit, total)

    def _configure_optimizers(self, model):
        configured = model.configure_optimizers()
        schedulers = []
        if isinstance(configured, dict):
            optimizer = configured["optimizer"]
            scheduler = configured.get("lr_scheduler")
            if isinstance(scheduler, dict):
                scheduler = scheduler["scheduler"]
            if scheduler is not None:
                schedulers.append(scheduler)
        elif (isinstance(configured, (list, tuple)) and len(configured) == 2
              and isinstance(configured[0], (list, tuple))):
            optimizer = configured[0][0]
            schedulers = list(configured[1])
        elif isinstance(configured, (list, tuple)):
            optimizer = configured[0]
        else:
            optimizer = configured
        return optimizer, schedulers

    def fit(self, model, train_dataloaders=None, val_dataloaders=None, datamodule=None):
        """Train model: the loop of forward, loss, zero_grad, backward and step."""
        model.trainer = self
        if train_dataloaders is None:
            train_dataloaders = model.train_dataloader()
        if val_dataloaders is None and hasattr(model, "val_dataloader"):
            val_dataloaders = model.val_dataloader()
        optimizer, schedulers = self._configure_optimizers(model)
        self.optimizers = [optimizer]
        self.lr_schedulers = schedulers
        limit = self._batch_limit(self.limit_train_batches, train_dataloaders)
        stopped_by_steps = False
        while self.current_epoch < self.max_epochs:
            self._stage = "train"
            model.train()
            for batch_idx, batch in enumerate(train_dataloaders):
                if batch_idx >= limit:
                    break
                self._batch_size = _batch_size(batch)
                loss = model.training_step(batch, batch_idx)
                if isinstance(loss, dict):
                    loss = loss["loss"]
                optimizer.zero_grad()
                loss.backward()
                if self.gradient_clip_val is not None:
                    torch.nn.utils.clip_grad_norm_(model.parameters(), self.gradient_clip_val)
                optimizer.step()
                self.global_step += 1
                if self.max_steps != -1 and self.global_step >= self.max_steps:
                    stopped_by_steps = True
                    break
            self._close_epoch_metrics()
            for scheduler in schedulers:
                scheduler.step()
            if val_dataloaders is not None and hasattr(model, "validation_step"):
                self._evaluate(model, val_dataloaders, "validation_step", self.limit_val_batches, "validate")
            self.current_epoch += 1
            if stopped_by_steps:
                break
        if stopped_by_steps:
            print(f"`Trainer.fit` stopped: `max_steps={self.max_steps}` reached.", file=sys.stderr)
        else:
            print(f"`Trainer.fit` stopped: `max_epochs={self.max_epochs}` reached.", file=sys.stderr)

    def _evaluate(self, model, loader, step_name, limit, stage):
        step = getattr(model, step_name)
        limit = self._batch_limit(limit, loader)
        was_training = model.training
        # Gradients are released before evaluating, as Lightning's hooks do.
        model.zero_grad()
        model.eval()
        self._stage = stage
        with torch.no_grad():
            for batch_idx, batch in enumerate(loader):
                if batch_idx >= limit:
                    break
                self._batch_size = _batch_size(batch)
                step(batch, batch_idx)
        self._stage = "train"
        model.train(was_training)
        return self._close_epoch_metrics()

    def validate(self, model, dataloaders=None, verbose=True):
        """One pass of validation_step; returns the averaged metrics."""
        return self._run_evaluation(model, dataloaders, "validation_step", "val_dataloader",
                                    self.limit_val_batches, "validate", verbose)

    def test(self, model, dataloaders=None, verbose=True):
        """One pass of test_step; returns the averaged metrics."""
        return self._run_evaluation(model, dataloaders, "test_step", "test_dataloader",
                                    self.limit_test_batches, "test", verbose)

    def _run_evaluation(self, model, loader, step_name, loader_name, limit, stage, verbose):
        model.trainer = self
        if loader is None:
            loader = getattr(model, loader_name)()
        metrics = self._evaluate(model, loader, step_name, limit, stage)
        result = {name: value.item() for name, value in metrics.items()}
        if verbose:
            _print_results(result, stage)
        return [result]


def _print_results(result, stage):
    # Lightning's plain-text table (what it prints when the rich package is absent).
    if not result:
        return
    names = sorted(result.keys())
    header = "DataLoader 0"
    columns = os.environ.get("COLUMNS", "")
    term_size = int(columns) if columns.isdigit() and int(columns) > 0 else 120
    width = int(min(max(len(max(names, key=len)), len(header), 25), term_size / 2))
    row_format = ("{:^" + str(width) + "}") * 2
    bar = "─" * term_size
    lines = [bar, row_format.format(f"{stage} Metric".capitalize(), header).rstrip(), bar]
    for name in names:
        lines.append(row_format.format(name, f"{result[name]}").rstrip())
    lines.append(bar)
    print("\n".join(lines))
