"""Trainer: the training loop you would write by hand, written once.

fit() runs, for each epoch: model.train(); for each batch: training_step, zero_grad,
backward, optimizer step; then the epoch's scheduler step and a validation pass under
torch.no_grad(). Step into fit() to see exactly that loop.
"""
import torch


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
        self.callback_metrics = {}
        self.logged_metrics = {}
        self._sums = {}
        self._counts = {}

    # -- metrics ----------------------------------------------------------------------

    def _record(self, name, value, batch_size):
        weight = batch_size if batch_size is not None else 1
        self._sums[name] = self._sums.get(name, 0.0) + value * weight
        self._counts[name] = self._counts.get(name, 0) + weight
        self.logged_metrics[name] = value

    def _close_epoch_metrics(self):
        for name, total in self._sums.items():
            self.callback_metrics[name] = torch.tensor(total / self._counts[name])
        self._sums = {}
        self._counts = {}

    # -- loops ------------------------------------------------------------------------

    @staticmethod
    def _batch_limit(limit, loader):
        total = len(loader)
        if limit is None:
            return total
        if isinstance(limit, float):
            return int(total * limit)
        return min(limit, total)

    def _optimizers(self, model):
        configured = model.configure_optimizers()
        schedulers = []
        if isinstance(configured, dict):
            optimizer = configured["optimizer"]
            scheduler = configured.get("lr_scheduler")
            if isinstance(scheduler, dict):
                scheduler = scheduler["scheduler"]
            if scheduler is not None:
                schedulers.append(scheduler)
        elif isinstance(configured, (list, tuple)) and len(configured) == 2 and isinstance(configured[0], (list, tuple)):
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
        optimizer, schedulers = self._optimizers(model)
        self.optimizers = [optimizer]
        self.lr_schedulers = schedulers
        limit = self._batch_limit(self.limit_train_batches, train_dataloaders)
        for epoch in range(self.max_epochs):
            self.current_epoch = epoch
            model.train()
            for batch_idx, batch in enumerate(train_dataloaders):
                if batch_idx >= limit:
                    break
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
                    break
            for scheduler in schedulers:
                scheduler.step()
            if val_dataloaders is not None and hasattr(model, "validation_step"):
                self._evaluate(model, val_dataloaders, "validation_step", self.limit_val_batches)
            self._close_epoch_metrics()
            if self.max_steps != -1 and self.global_step >= self.max_steps:
                break

    def _evaluate(self, model, loader, step_name, limit):
        step = getattr(model, step_name)
        limit = self._batch_limit(limit, loader)
        was_training = model.training
        model.eval()
        with torch.no_grad():
            for batch_idx, batch in enumerate(loader):
                if batch_idx >= limit:
                    break
                step(batch, batch_idx)
        model.train(was_training)

    def validate(self, model, dataloaders=None):
        """One pass of validation_step over dataloaders; returns the averaged metrics."""
        model.trainer = self
        if dataloaders is None:
            dataloaders = model.val_dataloader()
        self._evaluate(model, dataloaders, "validation_step", self.limit_val_batches)
        self._close_epoch_metrics()
        return [{k: v.item() for k, v in self.callback_metrics.items()}]

    def test(self, model, dataloaders=None):
        """One pass of test_step over dataloaders; returns the averaged metrics."""
        model.trainer = self
        if dataloaders is None:
            dataloaders = model.test_dataloader()
        self._evaluate(model, dataloaders, "test_step", self.limit_test_batches)
        self._close_epoch_metrics()
        return [{k: v.item() for k, v in self.callback_metrics.items()}]
