//! Independent work shared across the machine's cores: the index's months,
//! review's export files.

/// `f` over `items`, results in the same order, shared across the cores
/// when there are enough items to be worth a thread. A panic in a worker is
/// a panic here, never a result quietly missing.
pub fn on_all_cores<K: Sync, T: Send>(items: &[K], f: impl Fn(&K) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    if threads < 2 || items.len() < 16 {
        return items.iter().map(&f).collect();
    }
    let per = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(per)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::on_all_cores;

    #[test]
    fn results_keep_their_order_however_many_items() {
        for n in [0, 1, 15, 16, 17, 200] {
            let items: Vec<usize> = (0..n).collect();
            assert_eq!(
                on_all_cores(&items, |i| i * 2),
                (0..n).map(|i| i * 2).collect::<Vec<_>>()
            );
        }
    }
}
